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
  /**
   * The scheduled renewal moves at random by up to this share of the reserve, either way, so tabs and
   * devices that obtained their tokens together do not all refresh at the same instant.
   * @default 0.1
   */
  jitterRatio?: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  reserveRatio: 0.2,
  minReserveMs: 30_000,
  maxReserveMs: 120_000,
  jitterRatio: 0.1,
};

/** The instant (ms since the epoch) an access token obtained at `obtainedAt` expires. */
export function expiryOf(obtainedAt: number, expiresInSeconds: number): number {
  return obtainedAt + expiresInSeconds * 1000;
}

/** How long before expiry a token is due. Never more than half the lifetime, so short tokens live a while. */
function reserveMs(lifetimeMs: number, policy: RefreshPolicy): number {
  return Math.min(
    Math.max(lifetimeMs * policy.reserveRatio, policy.minReserveMs),
    policy.maxReserveMs,
    lifetimeMs / 2,
  );
}

/** Milliseconds from `now` until the token should be renewed: 0 when it is already due. */
export function refreshDelayMs(
  expiresAt: number,
  lifetimeMs: number,
  now: number,
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
): number {
  return Math.max(0, expiresAt - reserveMs(lifetimeMs, policy) - now);
}

/**
 * When to set the renewal timer: `refreshDelayMs` with the reserve stretched or shrunk by up to
 * `jitterRatio` of itself. The token is due only at `refreshDelayMs`, so a caller never sees a
 * random answer to "is it due?"; only the timer moves.
 * @param random a number in [0, 1), as from Math.random
 */
export function scheduledRefreshDelayMs(
  expiresAt: number,
  lifetimeMs: number,
  now: number,
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
  random: () => number = Math.random,
): number {
  const jitter = (policy.jitterRatio ?? DEFAULT_REFRESH_POLICY.jitterRatio ?? 0) * (2 * random() - 1);
  return Math.max(0, expiresAt - reserveMs(lifetimeMs, policy) * (1 + jitter) - now);
}
