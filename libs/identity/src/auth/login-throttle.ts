import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, RateLimiters } from '@chat/platform';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { foldUsername } from '../users/username-key';

/**
 * Failed logins counted per username and per client address. Once either is spent, every attempt answers
 * 429 until the window ends, even with the right password, and alike for known and unknown usernames,
 * so the limit reveals nothing about which accounts exist.
 */
@Injectable()
export class LoginThrottle {
  private readonly byUsername: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @Inject(IDENTITY_OPTIONS) options: IdentityOptions) {
    const { loginFailures, loginWindowSeconds } = options.rateLimits;
    const spec = {
      points: loginFailures,
      durationSeconds: loginWindowSeconds,
      blockDurationSeconds: loginWindowSeconds,
    };
    this.byUsername = limiters.create({ ...spec, keyPrefix: 'login-fail:user' });
    this.byAddress = limiters.create({ ...spec, keyPrefix: 'login-fail:addr' });
  }

  async assertAllowed(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([
      this.byUsername.get(foldUsername(username)),
      this.byAddress.get(address),
    ]);
    const spent = [user, addr].filter((res) => res !== null && res.remainingPoints <= 0);
    if (spent.length > 0) throw AppError.rateLimited(Math.max(...spent.map((res) => res!.msBeforeNext)));
  }

  async recordFailure(username: string, address: string): Promise<void> {
    // A rejection here only means the limit is now spent; the next attempt sees it in assertAllowed.
    await Promise.allSettled([
      this.byUsername.consume(foldUsername(username)),
      this.byAddress.consume(address),
    ]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.byUsername.delete(foldUsername(username));
  }
}
