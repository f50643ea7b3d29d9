import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/** What the test run found: a container runtime to start servers in, or why there is none. */
export type ContainerRuntime = { available: true; at: string } | { available: false; reason: string };

/** The sockets Testcontainers tries, in its order (its unix-socket and rootless strategies). */
function socketCandidates(): string[] {
  const xdg = process.env.XDG_RUNTIME_DIR;
  return [
    '/var/run/docker.sock',
    ...(xdg ? [join(xdg, 'docker.sock')] : []),
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(userInfo().uid), 'docker.sock'),
  ];
}

/** The address Testcontainers would use, or undefined when it would find none. */
function configuredRuntime(): string | undefined {
  const properties = join(homedir(), '.testcontainers.properties');
  if (existsSync(properties)) {
    const host = /^(?:tc|docker)\.host\s*[=:]\s*(\S+)/m.exec(readFileSync(properties, 'utf8'));
    if (host) return host[1];
  }
  if (process.env.DOCKER_HOST) return process.env.DOCKER_HOST;
  if (process.platform === 'win32') return 'npipe:////./pipe/docker_engine';
  const socket = socketCandidates().find((path) => existsSync(path));
  return socket && `unix://${socket}`;
}

/** Why the Docker API at `at` does not answer `GET /_ping` within the deadline; undefined when it does. */
function pingFails(at: string, timeoutMs: number): Promise<string | undefined> {
  const url = new URL(at);
  const target =
    url.protocol === 'unix:'
      ? { socketPath: url.pathname }
      : { host: url.hostname, port: Number(url.port) || 2375 };
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 ? undefined : `answered /_ping with ${response.statusCode}`);
    });
    req.once('timeout', () => {
      resolve(`no answer within ${timeoutMs} ms`);
      req.destroy();
    });
    req.once('error', (error) => resolve(error.message));
    req.end();
  });
}

/**
 * Looks for a container runtime where Testcontainers would, without loading it (that alone takes a
 * second or two): a configured host, DOCKER_HOST, or a Docker socket, then one `/_ping` with a deadline,
 * so that a dead socket or an unreachable host costs at most `timeoutMs` and never hangs the run. A TLS,
 * SSH or named-pipe address is taken as configured: Testcontainers itself reports what is wrong with it.
 */
export async function findContainerRuntime(timeoutMs = 1_500): Promise<ContainerRuntime> {
  const at = configuredRuntime();
  if (!at) {
    const looked = ['DOCKER_HOST', '~/.testcontainers.properties', ...socketCandidates()].join(', ');
    return { available: false, reason: `no container runtime (nothing at ${looked})` };
  }
  const pingable = /^(unix|tcp|http):/.test(at) && !process.env.DOCKER_TLS_VERIFY;
  const failure = pingable ? await pingFails(at, timeoutMs) : undefined;
  if (failure) return { available: false, reason: `no container runtime at ${at} (${failure})` };
  return { available: true, at };
}
