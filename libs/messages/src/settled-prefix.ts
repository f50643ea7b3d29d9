import type { MessageRecord } from './message.record';

/**
 * How long a missing seq may still be a write in flight before it counts as a write that failed and
 * stays empty. Seqs are reserved (`$inc`) before they are stored, and batches from different gateways
 * land in any order, so seq N+1 can be readable a few milliseconds before N; retries of a failed batch
 * take under a second. Five seconds is far beyond both.
 */
export const HOLE_SETTLE_MS = 5000;

/**
 * An `afterSeq` answer is authoritative: a client moves past any seq it leaves out. So the answer stops
 * at a hole that may still fill: one followed by a message stored less than HOLE_SETTLE_MS ago (the
 * hole's write was reserved before that message's, so it has been in flight for at most that long).
 */
export function settledPrefix(
  afterSeq: number,
  ascending: MessageRecord[],
  now = Date.now(),
): { rows: MessageRecord[]; truncated: boolean } {
  let expected = afterSeq + 1;
  for (let index = 0; index < ascending.length; index++) {
    const row = ascending[index];
    if (row.seq > expected && now - row.createdAt.getTime() < HOLE_SETTLE_MS) {
      return { rows: ascending.slice(0, index), truncated: true };
    }
    expected = row.seq + 1;
  }
  return { rows: ascending, truncated: false };
}
