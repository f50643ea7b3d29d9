import { BlockList, isIP } from 'node:net';

/** Addresses a push request must never reach: the server's own network (no SSRF through a subscription). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

/** Whether an address (v4, v6, or v4 mapped into v6) is loopback, private, link-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** `*.example.com` matches subdomains only; other entries match the host exactly. */
export function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry));
}

/**
 * Why the server will not POST to this endpoint, or null. With an operator's list of hosts, only those
 * (trusted as they are, a local push service included); without one, any public host: not an address
 * or name of the server's own network (the delivering agent checks what names resolve to as well).
 */
export function endpointProblem(url: URL, allowedHosts: string[]): string | null {
  if (url.protocol !== 'https:') return 'endpoint must be an https URL';
  if (url.username || url.password) return 'endpoint must not carry credentials';
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (allowedHosts.length > 0)
    return hostAllowed(host, allowedHosts) ? null : `endpoint ${host} is not an allowed push service`;
  if (isIP(host)) return isPrivateAddress(host) ? `endpoint ${host} is not a public address` : null;
  if (
    !host.includes('.') ||
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal')
  )
    return `endpoint ${host} is not a public host`;
  return null;
}
