/**
 * Presence keys, laid out for Redis Cluster. A user's leases, last-seen time and entry in the expiry index
 * must share one hash slot (the scripts touch them together), and the index cannot be one global key, or
 * every presence write would land on a single primary. So users are spread over a fixed number of buckets,
 * each a hash tag `{p<n>}`: a bucket's index and its users' keys live in one slot, and the buckets spread
 * over the primaries. Keys are ephemeral, so the layout can change freely between releases.
 */
export const PRESENCE_BUCKETS = 16;

/** FNV-1a: stable across processes and releases, unlike anything seeded. */
export function presenceBucket(userId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index += 1) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % PRESENCE_BUCKETS;
}

/** Everything of one bucket starts with this; the sweep script appends `leases:<user>` and `seen:<user>`. */
export const bucketPrefix = (bucket: number) => `presence:{p${bucket}}:`;
export const usersKey = (bucket: number) => `${bucketPrefix(bucket)}users`;
export const leasesKey = (userId: string) => `${bucketPrefix(presenceBucket(userId))}leases:${userId}`;
export const seenKey = (userId: string) => `${bucketPrefix(presenceBucket(userId))}seen:${userId}`;
export const userIndexKey = (userId: string) => usersKey(presenceBucket(userId));
