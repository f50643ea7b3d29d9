import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiters, toRateLimitError } from '@chat/platform/engine';
import { ATTACHMENTS_OPTIONS, type AttachmentsOptions } from '../attachments.options';

/**
 * Uploads per user per minute, across replicas: each one may be 25 MiB to spool, sniff, preview, scan
 * and store, so the budget is far below the other per-user limits.
 */
@Injectable()
export class UploadRateLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(limiters: RateLimiters, @Inject(ATTACHMENTS_OPTIONS) options: AttachmentsOptions) {
    this.limiter = limiters.create({
      keyPrefix: 'http-rate:upload',
      points: options.uploadsPerMinute,
      durationSeconds: 60,
    });
  }

  /** @throws AppError RATE_LIMITED (429 with Retry-After) once the user's budget is spent */
  async spend(userId: string): Promise<void> {
    await this.limiter.consume(userId).catch((rejection: unknown) => {
      throw toRateLimitError(rejection);
    });
  }
}
