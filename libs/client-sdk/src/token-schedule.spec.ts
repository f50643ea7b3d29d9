import { DEFAULT_REFRESH_POLICY, expiryOf, refreshDelayMs } from './token-schedule';

describe('refreshDelayMs', () => {
  const now = 1_000_000;

  it('renews a 900 s token two minutes before it expires', () => {
    const expiresAt = expiryOf(now, 900);
    expect(refreshDelayMs(expiresAt, 900_000, now)).toBe(780_000);
  });

  it('keeps at least the minimum reserve for mid-length tokens', () => {
    const expiresAt = expiryOf(now, 100);
    expect(refreshDelayMs(expiresAt, 100_000, now)).toBe(100_000 - DEFAULT_REFRESH_POLICY.minReserveMs);
  });

  it('never reserves more than half of a very short lifetime', () => {
    const expiresAt = expiryOf(now, 10);
    expect(refreshDelayMs(expiresAt, 10_000, now)).toBe(5_000);
  });

  it('is due at once for a token restored late or already expired', () => {
    const obtained = now - 850_000;
    expect(refreshDelayMs(expiryOf(obtained, 900), 900_000, now)).toBe(0);
    expect(refreshDelayMs(now - 1, 900_000, now)).toBe(0);
  });
});
