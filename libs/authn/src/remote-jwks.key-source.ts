import { Logger } from '@nestjs/common';
import { fetchJwks } from './jwks-fetch';
import { isWellFormedKeyId } from './key-id';
import { PublicKeySource } from './public-key.source';

export interface RemoteJwksOptions {
  /** auth's JWKS, e.g. `http://auth:3001/api/auth/jwks`. */
  jwksUrl: string;
  /**
   * Known keys older than this are refetched in the background (the answer never waits for it), so retired
   * keys drop out. A failed refetch keeps them. @default 600000 (10 min)
   */
  refreshIntervalMs?: number;
  /**
   * No fetch starts within this long of the previous one, whoever asks and why: the whole budget that
   * tokens with unknown `kid`s (which nobody can authenticate without the key) can spend. It is also the
   * longest a freshly rotated key can go unrecognised. @default 30000
   */
  cooldownMs?: number;
  /** A fetch (connect, headers and body) that takes longer fails. @default 5000 */
  timeoutMs?: number;
  /** Monotonic milliseconds; tests inject their own clock. @default performance.now */
  now?: () => number;
}

export const JWKS_REFRESH_INTERVAL_MS = 10 * 60_000;
export const JWKS_REFETCH_COOLDOWN_MS = 30_000;
export const JWKS_FETCH_TIMEOUT_MS = 5_000;

/**
 * auth's public keys, as rooms and the gateways see them. Known keys never expire because auth is
 * unreachable (stale-if-error): a fetch replaces the set only when it succeeds. An unknown `kid` waits for
 * a fetch only when none has started within the cooldown, and every caller shares the one in flight, so a
 * flood of forged tokens costs auth at most one request per cooldown per process.
 */
export class RemoteJwksKeySource extends PublicKeySource {
  private readonly logger = new Logger(RemoteJwksKeySource.name);
  private readonly url: string;
  private readonly refreshIntervalMs: number;
  private readonly cooldownMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private keys = new Map<string, string>();
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private inFlight: Promise<void> | undefined;

  constructor(options: RemoteJwksOptions) {
    super();
    this.url = options.jwksUrl;
    this.refreshIntervalMs = options.refreshIntervalMs ?? JWKS_REFRESH_INTERVAL_MS;
    this.cooldownMs = options.cooldownMs ?? JWKS_REFETCH_COOLDOWN_MS;
    this.timeoutMs = options.timeoutMs ?? JWKS_FETCH_TIMEOUT_MS;
    this.now = options.now ?? (() => performance.now());
  }

  async publicKeyPem(kid: string): Promise<string> {
    if (!isWellFormedKeyId(kid)) throw new Error('malformed kid');
    const known = this.keys.get(kid);
    if (known !== undefined) {
      if (this.now() - this.fetchedAt >= this.refreshIntervalMs) void this.refetch();
      return known;
    }
    await this.refetch();
    const fetched = this.keys.get(kid);
    if (fetched === undefined) throw new Error(`unknown kid ${kid}`);
    return fetched;
  }

  /** Joins the fetch in flight, or starts one unless the cooldown forbids it. Never rejects. */
  private refetch(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.now() - this.attemptedAt < this.cooldownMs) return Promise.resolve();
    this.attemptedAt = this.now();
    this.inFlight = this.replaceKeys().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async replaceKeys(): Promise<void> {
    try {
      this.keys = await fetchJwks(this.url, this.timeoutMs);
      this.fetchedAt = this.now();
    } catch (error) {
      this.logger.warn(
        `could not fetch the JWKS from ${this.url}; keeping the ${this.keys.size} known key(s), next try in ` +
          `${this.cooldownMs / 1000} s at the earliest: ${String(error)}`,
      );
    }
  }
}
