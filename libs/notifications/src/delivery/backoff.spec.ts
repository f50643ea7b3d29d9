import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles from 5 s up to 30 min, jittered within the upper half', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n, () => 1))).toEqual([5_000, 10_000, 20_000]);
    expect(retryDelayMs(1, () => 0)).toBe(2_500);
    expect(retryDelayMs(30, () => 1)).toBe(30 * 60_000);
  });
});
