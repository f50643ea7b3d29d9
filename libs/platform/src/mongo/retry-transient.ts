import { Logger } from '@nestjs/common';
import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import { ErrorCode } from '@chat/contracts';
import { AppError } from '../errors/app-error';
import { isTransientStoreError } from './store-errors';

export interface TransientRetryOptions {
  /** Attempts in all, the first included. @default 5 */
  attempts?: number;
  /**
   * The wait after the first failure, doubled after each further one, with up to half of it again at
   * random so that the requests one failure hit do not all come back at once. @default 50
   */
  backoffMs?: number;
  /**
   * No new attempt starts once this long has passed since the first: a store that is really down
   * (server selection times out after seconds) fails the request once instead of several times over.
   * @default 5000
   */
  budgetMs?: number;
}

const logger = new Logger('TransientRetry');

/**
 * Runs a store operation, again after a transient failure (see isTransientStoreError), a bounded number
 * of times. The operation must be safe to repeat after an unknown outcome: a read, an idempotent update,
 * or a write that recognises its own earlier copy. Any other error passes through at once; transient
 * failures that outlast the attempts become `UNAVAILABLE` (HTTP 503), never an internal error.
 */
export async function retryTransient<T>(
  label: string,
  operation: () => Promise<T>,
  options: TransientRetryOptions = {},
): Promise<T> {
  const { attempts = 5, backoffMs = 50, budgetMs = 5000 } = options;
  const startedAt = Date.now();
  const policy = retry(
    handleWhen((error) => isTransientStoreError(error) && Date.now() - startedAt < budgetMs),
    {
      maxAttempts: attempts - 1,
      backoff: new DelegateBackoff(({ attempt }) => {
        const wait = backoffMs * 2 ** (attempt - 1);
        return wait + Math.random() * wait * 0.5;
      }),
    },
  );
  policy.onRetry((event) => logger.warn(`${label} failed (${describe(event)}); retrying`));
  try {
    return await policy.execute(() => operation());
  } catch (error) {
    if (!isTransientStoreError(error)) throw error;
    logger.error(`${label} failed for good; last: ${String(error)}`);
    throw new AppError(ErrorCode.UNAVAILABLE, 'The store is unavailable; retry later', 1000);
  }
}

function describe(event: { error: Error } | { value: unknown }): string {
  return 'error' in event ? String(event.error) : 'an unwanted result';
}
