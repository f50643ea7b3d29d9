import type { RoomSizeDistribution } from './load-options';

/** A small seeded PRNG (mulberry32): the same seed gives the same plan, run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How many members each room gets: `users` split over `rooms`, every room at least one (its owner).
 * `equal` gives sizes that differ by at most one; `zipf` weights room k by 1/k, a few big rooms and a
 * long tail as real chat has; `random` draws uniform weights.
 */
export function roomSizes(
  users: number,
  rooms: number,
  distribution: RoomSizeDistribution,
  random: () => number,
): number[] {
  const weights = Array.from({ length: rooms }, (_, k) =>
    distribution === 'equal' ? 1 : distribution === 'zipf' ? 1 / (k + 1) : 0.1 + random(),
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const spare = users - rooms;
  const exact = weights.map((weight) => (weight / total) * spare);
  const sizes = exact.map((share) => 1 + Math.floor(share));
  // Largest remainders get the members rounding left over, so the sizes add up to `users` exactly.
  const order = exact.map((share, index) => ({ index, rest: share - Math.floor(share) }));
  order.sort((a, b) => b.rest - a.rest || a.index - b.index);
  let left = users - sizes.reduce((sum, size) => sum + size, 0);
  for (const { index } of order) {
    if (left-- <= 0) break;
    sizes[index] += 1;
  }
  return sizes;
}

/** Which room each user is in (by index), following `sizes`: users 0..sizes[0]-1 in room 0, and so on. */
export function assignUsers(sizes: number[]): number[] {
  return sizes.flatMap((size, room) => Array.from({ length: size }, () => room));
}
