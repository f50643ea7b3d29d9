import { setTimeout as sleep } from 'node:timers/promises';
import { ChatApiError } from '@chat/client-sdk';
import { isRetryableErrorCode } from '@chat/contracts';

/**
 * Retries a preparation call the way a well-behaved client does: after `retryAfterMs` when the server
 * says RATE_LIMITED, with backoff on UNAVAILABLE or INTERNAL; anything else is the caller's problem.
 * Registration limits per address are the usual reason a big run's preparation waits here.
 */
export async function politely<T>(
  call: () => Promise<T>,
  onWait: (code: string, ms: number) => void,
  attempts = 30,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const code = error instanceof ChatApiError ? error.code : undefined;
      if (!code || !isRetryableErrorCode(code) || attempt >= attempts) throw error;
      const ms = Math.min(60_000, (error as ChatApiError).retryAfterMs ?? 250 * 2 ** Math.min(attempt, 6));
      onWait(code, ms);
      await sleep(ms);
    }
  }
}
