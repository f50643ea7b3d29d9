import { intendedSendTimes, offeredRateAt } from './send-schedule';

describe('send schedule', () => {
  it('offers exactly rate × duration at a fixed rate, evenly spaced from the start', () => {
    const times = [...intendedSendTimes(1000, 50, 0, 10_000, 1_000_000)];
    expect(times).toHaveLength(500);
    expect(times[0]).toBe(1000);
    expect(times[1] - times[0]).toBeCloseTo(20);
    expect(times.at(-1)!).toBeLessThan(11_000);
  });

  it('ramps up linearly: fewer sends in the first second than in the last', () => {
    const times = [...intendedSendTimes(0, 100, 5000, 10_000, 1_000_000)];
    const inSecond = (s: number) => times.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length;
    expect(inSecond(0)).toBeLessThan(inSecond(9) / 3);
    expect(inSecond(9)).toBeGreaterThanOrEqual(99);
    expect(offeredRateAt(2500, 100, 5000)).toBe(50);
  });

  it('never exceeds the message bound', () => {
    expect([...intendedSendTimes(0, 1000, 0, 60_000, 123)]).toHaveLength(123);
  });
});
