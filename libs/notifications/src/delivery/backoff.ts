const BASE_MS = 5_000;
const CAP_MS = 30 * 60_000;

/** Exponential backoff with full jitter: 5 s, 10 s, 20 s … up to 30 min, spread so retries do not stampede. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
