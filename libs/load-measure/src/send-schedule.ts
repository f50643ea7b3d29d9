/** The share of the full rate a ramp starts from, so the first gap between sends is not infinite. */
const RAMP_FLOOR = 0.05;

/**
 * The intended send times of a fixed offered load (ms since the epoch): `rate` messages a second,
 * reached linearly over `rampUpMs`, for `durationMs`, at most `maxMessages`. The times are fixed in
 * advance, whatever the server does, so a slow server shows up as latency measured from the intended
 * time rather than as a quietly lower rate (no coordinated omission).
 */
export function* intendedSendTimes(
  startAt: number,
  rate: number,
  rampUpMs: number,
  durationMs: number,
  maxMessages: number,
): Generator<number> {
  let offset = 0;
  for (let n = 0; n < maxMessages && offset < durationMs; n++) {
    yield startAt + offset;
    const ramp = rampUpMs > 0 ? Math.max(RAMP_FLOOR, Math.min(1, offset / rampUpMs)) : 1;
    offset += 1000 / (rate * ramp);
  }
}

/** The offered rate at `offsetMs` into the run, for the progress line and the report. */
export function offeredRateAt(offsetMs: number, rate: number, rampUpMs: number): number {
  if (rampUpMs <= 0) return rate;
  return rate * Math.max(RAMP_FLOOR, Math.min(1, offsetMs / rampUpMs));
}
