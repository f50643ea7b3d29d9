import { Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiters } from './engine';
import { toRateLimitError } from './rate-limit-rejection';

/**
 * Per-user limits on the HTTP calls that create rows, notify others or scan the store (rooms, DMs,
 * member additions; message, room and user searches): far above what a person does (two a second), far
 * below what a script filling the store or spamming invitations would need.
 */
const LIMITS = {
  create: { points: 120, durationSeconds: 60 },
  search: { points: 120, durationSeconds: 60 },
} as const;

export type LimitedAction = keyof typeof LIMITS;

@Injectable()
export class UserRateLimits {
  private readonly limiters: Record<LimitedAction, RateLimiterAbstract>;

  constructor(limiters: RateLimiters) {
    this.limiters = {
      create: limiters.create({ keyPrefix: 'http-rate:create', ...LIMITS.create }),
      search: limiters.create({ keyPrefix: 'http-rate:search', ...LIMITS.search }),
    };
  }

  /** @throws AppError RATE_LIMITED (429 with Retry-After) once the user's budget is spent */
  async spend(action: LimitedAction, userId: string): Promise<void> {
    await this.limiters[action].consume(userId).catch((rejection: unknown) => {
      throw toRateLimitError(rejection);
    });
  }
}
