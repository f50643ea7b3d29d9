import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Upstreams {
  auth: number[];
  rooms: number[];
  gateway: number[];
}

/**
 * The loopback twin of deploy/nginx/upstreams.compose.conf: same upstream names, same balancing.
 * Gateways are chosen by `hash $remote_addr consistent`, so a client keeps its replica (long-polling
 * needs that) and clients bound to different 127.0.0.x addresses spread over the replicas.
 */
export function loopbackUpstreams(ports: Upstreams): string {
  const servers = (list: number[]) =>
    list.map((port) => `  server 127.0.0.1:${port} max_fails=2 fail_timeout=5s;`).join('\n');
  return [
    `upstream chat_auth {\n${servers(ports.auth)}\n  keepalive 32;\n}`,
    `upstream chat_rooms {\n${servers(ports.rooms)}\n  keepalive 32;\n}`,
    `upstream chat_gateway {\n  hash $remote_addr consistent;\n${servers(ports.gateway)}\n}`,
    '',
  ].join('\n\n');
}

/**
 * Prepares nginx's prefix folder: a copy of deploy/nginx/nginx.conf whose one change is the listen
 * port (fixed at 8080 in the file), the generated upstreams.conf beside it, deploy/nginx/web.conf with
 * its root moved to the built web client (`webRoot`), and `logs/`. The folder is 0755 because nginx's
 * workers run as `nobody` when the master runs as root.
 */
export function writeNginxPrefix(
  folder: string,
  sourceConf: string,
  port: number,
  ports: Upstreams,
  webRoot: string,
): void {
  mkdirSync(join(folder, 'logs'), { recursive: true });
  chmodSync(folder, 0o755);
  const config = readFileSync(sourceConf, 'utf8').replace(/listen 8080;/g, `listen 127.0.0.1:${port};`);
  writeFileSync(join(folder, 'nginx.conf'), config);
  writeFileSync(join(folder, 'upstreams.conf'), loopbackUpstreams(ports));
  const web = readFileSync(join(dirname(sourceConf), 'web.conf'), 'utf8');
  if (!web.includes('root /usr/share/chat-web;'))
    throw new Error('web.conf no longer sets the root it is expected to');
  writeFileSync(join(folder, 'web.conf'), web.replace('root /usr/share/chat-web;', `root ${webRoot};`));
}

export function nginxArgs(folder: string): string[] {
  return ['-p', `${folder}/`, '-c', join(folder, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'];
}
