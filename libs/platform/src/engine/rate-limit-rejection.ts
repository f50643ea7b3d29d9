import { RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit, or with an Error when the store fails. */
export function toRateLimitError(rejection: unknown): Error {
  if (rejection instanceof RateLimiterRes) return AppError.rateLimited(rejection.msBeforeNext);
  return rejection instanceof Error ? rejection : new Error(String(rejection));
}
