import { ErrorCode, isRetryableErrorCode } from './error-codes';

describe('retryable error codes', () => {
  it('calls a limit, an unavailable replica or store and an internal error worth retrying, nothing else', () => {
    const retryable = Object.values(ErrorCode).filter(isRetryableErrorCode);
    expect(retryable.sort()).toEqual(['INTERNAL', 'RATE_LIMITED', 'UNAVAILABLE']);
    expect(isRetryableErrorCode('SOMETHING_NEW')).toBe(false);
  });
});
