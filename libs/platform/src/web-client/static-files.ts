import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** Paths the web client must never shadow: the API, Socket.IO and the operational endpoints. */
const RESERVED = ['/api', '/socket.io', '/healthz', '/readyz', '/metrics'];

/**
 * Only this origin's scripts and styles, sockets and fetches to this origin, no plugins, no framing.
 * The client renders every user string as text; this is the second line of defence. `imageOrigins`
 * adds where attachment previews come from when that is not this origin (an S3 store's public endpoint).
 */
export function webClientCsp(imageOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data:", ...imageOrigins].join(' '),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of a URL, for a CSP source list; throws on anything that is not an http(s) URL. */
export function cspOrigin(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`${url}: an image origin must be http(s)`);
  return parsed.origin;
}

/**
 * The web client's headers, defined once for both hosts (deploy/nginx/web.conf repeats them for nginx).
 * Vite names assets by content hash, so they are immutable; every other file must be revalidated.
 */
export function webClientHeaders(root: string, imageOrigins: readonly string[] = []) {
  const csp = webClientCsp(imageOrigins);
  const assets = join(resolve(root), 'assets') + sep;
  return (response: { setHeader(name: string, value: string): unknown }, file: string): void => {
    response.setHeader('Content-Security-Policy', csp);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader(
      'Cache-Control',
      file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  };
}

function isReserved(path: string): boolean {
  return RESERVED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * The built web client: files from `root` through express's serve-static (which refuses path escapes and
 * answers a malformed path with 400, never a crash), and `index.html` for any other page path without an
 * extension (the client routes itself). Reserved paths and non-GET requests pass on.
 */
export function webClientHandler(root: string, imageOrigins: readonly string[] = []): Router {
  const base = resolve(root);
  const setHeaders = webClientHeaders(base, imageOrigins);
  const files = express.static(base, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders,
  });
  const index = join(base, 'index.html');
  const router = express.Router();
  router.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isReserved(request.path)) return next();
    files(request, response, (error?: unknown) => {
      if (error) return next(error);
      if (extname(request.path) || !existsSync(index)) return next();
      setHeaders(response, index);
      response.sendFile(index, { cacheControl: false, lastModified: true }, (sendError?: Error) => {
        if (sendError) next(sendError);
      });
    });
  });
  return router;
}
