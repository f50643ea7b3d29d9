import { ChatApiError, withPacedRetry } from '@chat/client-sdk';

/**
 * Retries a preparation call the way a well-behaved client does: after `retryAfterMs` when the server
 * says RATE_LIMITED, with backoff on UNAVAILABLE or INTERNAL; anything else is the caller's problem.
 * Registration limits per address are the usual reason a big run's preparation waits here.
 */
export function politely<T>(
  call: () => Promise<T>,
  onWait: (code: string, ms: number) => void,
  attempts = 30,
): Promise<T> {
  return withPacedRetry(call, {
    attempts,
    maxDelayMs: 16_000,
    onRetry: (error, ms) => onWait(error instanceof ChatApiError ? error.code : 'ACK_TIMEOUT', ms),
  });
}
