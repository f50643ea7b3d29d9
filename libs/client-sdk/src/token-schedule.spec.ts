import { DEFAULT_REFRESH_POLICY, expiryOf, refreshDelayMs, scheduledRefreshDelayMs } from './token-schedule';

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

describe('scheduledRefreshDelayMs', () => {
  const now = 1_000_000;
  const expiresAt = expiryOf(now, 900);

  it('moves the renewal by up to a tenth of the reserve, either way', () => {
    const at = (random: number) =>
      scheduledRefreshDelayMs(expiresAt, 900_000, now, DEFAULT_REFRESH_POLICY, () => random);
    // A 900 s token keeps 120 s in reserve: renewed between 132 s and 108 s before expiry.
    expect(at(0)).toBe(792_000);
    expect(at(0.5)).toBe(780_000);
    expect(at(0.999_999)).toBeCloseTo(768_000, -1);
  });

  it('spreads renewals that would otherwise coincide', () => {
    const delays = new Set(
      Array.from({ length: 20 }, () => scheduledRefreshDelayMs(expiresAt, 900_000, now)),
    );
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(768_000);
      expect(delay).toBeLessThanOrEqual(792_000);
    }
  });

  it('keeps the renewal exactly on time without jitter, and never negative', () => {
    const steady = { ...DEFAULT_REFRESH_POLICY, jitterRatio: 0 };
    expect(scheduledRefreshDelayMs(expiresAt, 900_000, now, steady, () => 0)).toBe(780_000);
    expect(scheduledRefreshDelayMs(now, 900_000, now, DEFAULT_REFRESH_POLICY, () => 0)).toBe(0);
  });
});
