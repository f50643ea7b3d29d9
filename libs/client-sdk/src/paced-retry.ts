import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import { isRetryableErrorCode } from '@chat/contracts';
import { AckTimeoutError, ChatApiError } from './errors';

export interface PacedRetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait after the first failure, doubled after each further one up to `maxDelayMs`. @default 500 */
  firstDelayMs?: number;
  /** @default 4000 */
  maxDelayMs?: number;
  /** Told of each failure that will be tried again, and of the wait before it. */
  onRetry?: (error: unknown, delayMs: number) => void;
}

/**
 * Whether a failed call may simply be made again: an ack that never came, or a code the contract calls
 * retryable (rate limited, a draining replica, the store briefly away). Everything else is an answer.
 */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof AckTimeoutError || (error instanceof ChatApiError && isRetryableErrorCode(error.code))
  );
}

/**
 * Runs `call`, again after each retryable failure, waiting what the server asked for (`retryAfterMs` of
 * a RATE_LIMITED answer) or else backing off exponentially. The call must be safe to repeat: a send with
 * its clientMsgId, a read. The last failure, or the first that is not retryable, is thrown.
 */
export function withPacedRetry<T>(call: () => Promise<T>, options: PacedRetryOptions): Promise<T> {
  const { firstDelayMs = 500, maxDelayMs = 4000 } = options;
  const policy = retry(handleWhen(isRetryable), {
    maxAttempts: options.attempts - 1,
    backoff: new DelegateBackoff(({ attempt, result }) => {
      const error = 'error' in result ? result.error : undefined;
      if (error instanceof ChatApiError && error.retryAfterMs) return error.retryAfterMs;
      return Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
    }),
  });
  if (options.onRetry) {
    const onRetry = options.onRetry;
    policy.onRetry((event) => onRetry('error' in event ? event.error : undefined, event.delay));
  }
  return policy.execute(() => call());
}
