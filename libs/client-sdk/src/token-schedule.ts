/** When to renew an access token, relative to its lifetime. */
export interface RefreshPolicy {
  /**
   * The share of the lifetime kept in reserve: the token is renewed once this much of it is left.
   * @default 0.2
   */
  reserveRatio: number;
  /**
   * The reserve is never less than this, so a slow network still renews in time.
   * @default 30000
   */
  minReserveMs: number;
  /**
   * Nor more than this, so long-lived tokens are not renewed needlessly early.
   * @default 120000
   */
  maxReserveMs: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  reserveRatio: 0.2,
  minReserveMs: 30_000,
  maxReserveMs: 120_000,
};

/** The instant (ms since the epoch) an access token obtained at `obtainedAt` expires. */
export function expiryOf(obtainedAt: number, expiresInSeconds: number): number {
  return obtainedAt + expiresInSeconds * 1000;
}

/**
 * Milliseconds from `now` until the token should be renewed: 0 when it is already due.
 * The reserve never exceeds half the lifetime, so even very short tokens live a while.
 */
export function refreshDelayMs(
  expiresAt: number,
  lifetimeMs: number,
  now: number,
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
): number {
  const reserve = Math.min(
    Math.max(lifetimeMs * policy.reserveRatio, policy.minReserveMs),
    policy.maxReserveMs,
    lifetimeMs / 2,
  );
  return Math.max(0, expiresAt - reserve - now);
}
