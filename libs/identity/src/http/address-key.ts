import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key of per-address limits. An IPv4 address is itself (an IPv4-mapped IPv6 address too). An IPv6
 * address is its /64: one subscriber is routinely handed a whole /64, so keying by the full address would
 * let one client rotate through 2^64 keys.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  const prefix = groups.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}
