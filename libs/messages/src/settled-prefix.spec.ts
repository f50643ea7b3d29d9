import { newId } from '@chat/platform/ids';
import type { MessageRecord } from './message.record';
import { HOLE_SETTLE_MS, settledPrefix } from './settled-prefix';

const NOW = 1_000_000;
const row = (seq: number, ageMs: number): MessageRecord => ({
  id: newId(),
  roomId: 'r',
  seq,
  rev: seq,
  senderId: 's',
  clientMsgId: `c${seq}`,
  body: 'b',
  createdAt: new Date(NOW - ageMs),
  editedAt: null,
  deleted: false,
  reactions: [],
  attachments: [],
  mentions: [],
});
const seqs = (result: { rows: MessageRecord[] }) => result.rows.map((r) => r.seq);

describe('settledPrefix', () => {
  it('passes a contiguous page through', () => {
    const result = settledPrefix(4, [row(5, 10), row(6, 5), row(7, 0)], NOW);
    expect(seqs(result)).toEqual([5, 6, 7]);
    expect(result.truncated).toBe(false);
  });

  it('stops before a fresh hole: its write may still land', () => {
    const result = settledPrefix(4, [row(5, 10), row(7, 10)], NOW);
    expect(seqs(result)).toEqual([5]);
    expect(result.truncated).toBe(true);
    expect(seqs(settledPrefix(4, [row(6, 10)], NOW))).toEqual([]);
  });

  it('moves past a hole once it has settled: that write failed and stays empty', () => {
    const result = settledPrefix(4, [row(5, HOLE_SETTLE_MS + 1), row(7, HOLE_SETTLE_MS + 1), row(8, 0)], NOW);
    expect(seqs(result)).toEqual([5, 7, 8]);
    expect(result.truncated).toBe(false);
  });
});
