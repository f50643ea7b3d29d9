/**
 * Browsers always send Origin on a websocket or polling handshake; native apps, the CLI and the load kit
 * send none and are allowed (the token still authenticates them). With no allowlist configured, only
 * the server's own origin passes: the Origin's host must equal the Host the request arrived with.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowlist: string[],
): boolean {
  if (!origin) return true;
  if (allowlist.includes('*')) return true;
  if (allowlist.length > 0) return allowlist.includes(origin.replace(/\/$/, ''));
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
