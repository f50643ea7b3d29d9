import type { IncomingHttpHeaders } from 'node:http';

/** What the origin check needs to know of a handshake request. */
export interface HandshakeRequest {
  headers: IncomingHttpHeaders;
  /** The connection itself is TLS. */
  secure: boolean;
}

/**
 * Whether the browser reached us over HTTPS: the connection, or the proxy in front saying so. The forwarded
 * header is believed without any proxy trust because it can only make the check stricter.
 */
function arrivedOverHttps({ headers, secure }: HandshakeRequest): boolean {
  const forwarded = headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return secure || first === 'https';
}

/**
 * Browsers always send Origin on a websocket or polling handshake; native apps, the CLI and the load kit
 * send none and are allowed (the token still authenticates them). With no allowlist configured, only
 * the server's own origin passes: an http(s) Origin whose host equals the Host the request arrived with,
 * and whose scheme is https when the request came over https (a plain-http page, which anyone on the path
 * can rewrite, is not the same origin as the https site).
 */
export function isOriginAllowed(request: HandshakeRequest, allowlist: string[]): boolean {
  const { origin, host } = request.headers;
  if (!origin) return true;
  if (allowlist.includes('*')) return true;
  if (allowlist.length > 0) return allowlist.includes(origin.replace(/\/$/, '').toLowerCase());
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (arrivedOverHttps(request) && url.protocol !== 'https:') return false;
  return host !== undefined && url.host === host.toLowerCase();
}
