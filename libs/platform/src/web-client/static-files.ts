import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths the web client must never shadow: the API, Socket.IO and the operational endpoints. */
const RESERVED = ['/api', '/socket.io', '/healthz', '/readyz', '/metrics'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Only this origin's scripts and styles, sockets and fetches to this origin, no plugins, no framing.
 * The client renders every user string as text; this is the second line of defence.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Next = (error?: unknown) => void;

function isReserved(path: string): boolean {
  return RESERVED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * A small static handler for the built web client: files from `root`, and `index.html` for any
 * other page path (the client routes itself). Everything reserved, and non-GET requests, pass on.
 */
export function webClientHandler(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return (request: IncomingMessage, response: ServerResponse, next: Next): void => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isReserved(path)) return next();
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return next();
    const found = existsSync(file) && statSync(file).isFile() ? file : extname(path) ? null : index;
    if (!found || !existsSync(found)) return next();
    response.statusCode = 200;
    response.setHeader('Content-Type', TYPES[extname(found)] ?? 'application/octet-stream');
    response.setHeader('Content-Security-Policy', WEB_CLIENT_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    // Vite names assets by content hash; the page itself must always be revalidated.
    const immutable = found.startsWith(join(base, 'assets') + sep);
    response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.method === 'HEAD') return void response.end();
    createReadStream(found).on('error', next).pipe(response);
  };
}
