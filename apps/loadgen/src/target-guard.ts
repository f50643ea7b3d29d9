import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost']);

/** Whether a URL's host is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (LOOPBACK_NAMES.has(host)) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * The kit loads exactly the base URL it was given, and by default only one on this machine: pointing
 * a load generator at someone else's server by accident must take a deliberate flag.
 */
export function assertAllowedTarget(url: string, allowRemote: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`--url must be http(s): ${url}`);
  if (!allowRemote && !isLoopback(url))
    throw new Error(`${url} is not on this machine; pass --allow-remote to load a remote deployment`);
}
