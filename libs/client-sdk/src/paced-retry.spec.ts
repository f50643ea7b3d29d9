import { AckTimeoutError, ChatApiError } from './errors';
import type { ErrorCode } from '@chat/contracts';
import { withPacedRetry } from './paced-retry';

const apiError = (code: ErrorCode, retryAfterMs?: number) =>
  new ChatApiError({ code, message: code, ...(retryAfterMs ? { retryAfterMs } : {}) }, 503);

/** A call that fails with `failures` in turn, then answers 'done'; it records each attempt. */
function scripted(failures: Error[]) {
  const attempts: number[] = [];
  const call = () => {
    attempts.push(Date.now());
    const failure = failures.shift();
    return failure ? Promise.reject(failure) : Promise.resolve('done');
  };
  return { call, attempts };
}

describe('withPacedRetry', () => {
  it('tries again after ack timeouts and retryable codes, and answers the first success', async () => {
    const { call, attempts } = scripted([new AckTimeoutError('message:send'), apiError('UNAVAILABLE')]);
    const waits: number[] = [];
    const result = await withPacedRetry(call, {
      attempts: 3,
      firstDelayMs: 5,
      onRetry: (_error, ms) => waits.push(ms),
    });
    expect(result).toBe('done');
    expect(attempts).toHaveLength(3);
    expect(waits).toEqual([5, 10]);
  });

  it('waits what a RATE_LIMITED answer asks for, not its own backoff', async () => {
    const { call, attempts } = scripted([apiError('RATE_LIMITED', 120)]);
    await withPacedRetry(call, { attempts: 2, firstDelayMs: 1 });
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(110);
  });

  it('throws an answer that is not retryable at once', async () => {
    const { call, attempts } = scripted([apiError('FORBIDDEN')]);
    await expect(withPacedRetry(call, { attempts: 5, firstDelayMs: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(attempts).toHaveLength(1);
  });

  it('throws the last failure once the attempts are spent', async () => {
    const { call, attempts } = scripted([
      apiError('UNAVAILABLE'),
      apiError('UNAVAILABLE'),
      apiError('INTERNAL'),
    ]);
    await expect(withPacedRetry(call, { attempts: 3, firstDelayMs: 1 })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    expect(attempts).toHaveLength(3);
  });
});
