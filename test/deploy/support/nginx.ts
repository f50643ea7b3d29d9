import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoPath, run, type CommandResult } from './repo';

export type UpstreamName = 'chat_auth' | 'chat_rooms' | 'chat_gateway';

/** Loopback upstreams in the shape upstreams.conf must have; the gateway's stays hashed as in compose. */
export function loopbackUpstreams(ports: Record<UpstreamName, number>): string {
  return [
    `upstream chat_auth { server 127.0.0.1:${ports.chat_auth}; keepalive 8; }`,
    `upstream chat_rooms { server 127.0.0.1:${ports.chat_rooms}; keepalive 8; }`,
    `upstream chat_gateway { hash $remote_addr consistent; server 127.0.0.1:${ports.chat_gateway}; }`,
    '',
  ].join('\n');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * deploy/nginx/nginx.conf copied into a prefix folder beside a generated upstreams.conf and
 * deploy/nginx/web.conf (its root moved to `webRoot`), as the local cluster runs it. `listenPort`
 * replaces the fixed 8080 so that tests never collide with anything.
 */
export class NginxPrefix {
  readonly folder = mkdtempSync(join(tmpdir(), 'chat-nginx-'));
  private process?: ChildProcess;

  constructor(upstreams: string, listenPort?: number, webRoot?: string) {
    // Workers may run as another user than the master (nobody, under root): let them traverse.
    chmodSync(this.folder, 0o755);
    mkdirSync(join(this.folder, 'logs'));
    let config = readFileSync(repoPath('deploy/nginx/nginx.conf'), 'utf8');
    if (listenPort !== undefined) config = config.replace(/listen 8080;/g, `listen 127.0.0.1:${listenPort};`);
    writeFileSync(join(this.folder, 'nginx.conf'), config);
    writeFileSync(join(this.folder, 'upstreams.conf'), upstreams);
    const web = readFileSync(repoPath('deploy/nginx/web.conf'), 'utf8');
    writeFileSync(
      join(this.folder, 'web.conf'),
      web.replace('root /usr/share/chat-web;', `root ${webRoot ?? join(this.folder, 'web')};`),
    );
  }

  private get args(): string[] {
    return ['-p', `${this.folder}/`, '-c', join(this.folder, 'nginx.conf'), '-e', 'stderr'];
  }

  test(): CommandResult {
    return run('nginx', ['-t', ...this.args]);
  }

  /** Starts nginx in the foreground and resolves once its own /healthz answers. */
  async start(port: number): Promise<void> {
    this.process = spawn('nginx', [...this.args, '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    this.process.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`nginx did not answer within 5 s: ${stderr}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
