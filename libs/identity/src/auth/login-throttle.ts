import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiters } from '@chat/platform/engine';
import { AppError } from '@chat/platform/errors';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { foldUsername } from '../users/username-key';

/**
 * Failed logins counted per username and per client address. Once either is spent, every attempt answers
 * 429 until the window ends, even with the right password, and alike for known and unknown usernames,
 * so the limit reveals nothing about which accounts exist.
 *
 * Every attempt is charged before its password is checked, in one atomic step per counter, and refunded
 * if it succeeds: checking first and charging after let parallel attempts all pass the check (60 at once
 * got 19 password checks for a limit of 10).
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

  /** Charges the attempt to both counters; 429 (and nothing charged) when either is spent. */
  async charge(username: string, address: string): Promise<void> {
    const counters: [RateLimiterAbstract, string][] = [
      [this.byUsername, foldUsername(username)],
      [this.byAddress, address],
    ];
    const outcomes = await Promise.allSettled(counters.map(([limiter, key]) => limiter.consume(key)));
    const refused: unknown[] = [];
    for (const outcome of outcomes) if (outcome.status === 'rejected') refused.push(outcome.reason);
    if (refused.length === 0) return;
    // The attempt does not run, so what it did charge is given back.
    await Promise.allSettled(
      counters
        .filter((_, index) => outcomes[index].status === 'fulfilled')
        .map(([limiter, key]) => limiter.reward(key, 1)),
    );
    const limited = refused.filter((reason): reason is RateLimiterRes => reason instanceof RateLimiterRes);
    // A counter that could not be reached fails closed: no password check without the limit.
    if (limited.length < refused.length)
      throw new AppError('UNAVAILABLE', 'Login is unavailable; retry later', 1000);
    throw AppError.rateLimited(Math.max(...limited.map((res) => res.msBeforeNext)));
  }

  /** A login that succeeded clears its username's failures and gives its address point back. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.allSettled([
      this.byUsername.delete(foldUsername(username)),
      this.byAddress.reward(address, 1),
    ]);
  }
}
