import { SenderReadMarks } from './sender-read-marks';

/** A write the test settles by hand, so it can tell what arrives while one is in flight. */
function controlledWrites() {
  const calls: { roomId: string; userId: string; seq: number; settle: (ok: boolean) => void }[] = [];
  const write = (roomId: string, userId: string, seq: number) =>
    new Promise<void>((resolve, reject) =>
      calls.push({ roomId, userId, seq, settle: (ok) => (ok ? resolve() : reject(new Error('store down'))) }),
    );
  return { calls, write };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SenderReadMarks', () => {
  it('writes the first seq at once and collapses the ones that arrive meanwhile into one write of the highest', async () => {
    const { calls, write } = controlledWrites();
    const marks = new SenderReadMarks(write);
    marks.advance('r', 'u', 1);
    marks.advance('r', 'u', 3);
    marks.advance('r', 'u', 2);
    expect(calls.map((c) => c.seq)).toEqual([1]);
    calls[0].settle(true);
    await flush();
    expect(calls.map((c) => c.seq)).toEqual([1, 3]);
    calls[1].settle(true);
    await flush();
    expect(calls).toHaveLength(2);
  });

  it('keeps rooms and senders apart', () => {
    const { calls, write } = controlledWrites();
    const marks = new SenderReadMarks(write);
    marks.advance('r1', 'u', 5);
    marks.advance('r2', 'u', 6);
    marks.advance('r1', 'v', 7);
    expect(calls.map(({ roomId, userId, seq }) => [roomId, userId, seq])).toEqual([
      ['r1', 'u', 5],
      ['r2', 'u', 6],
      ['r1', 'v', 7],
    ]);
  });

  it('goes on after a failed write and starts afresh once idle', async () => {
    const { calls, write } = controlledWrites();
    const marks = new SenderReadMarks(write);
    marks.advance('r', 'u', 1);
    marks.advance('r', 'u', 2);
    calls[0].settle(false);
    await flush();
    expect(calls.map((c) => c.seq)).toEqual([1, 2]);
    calls[1].settle(true);
    await flush();
    marks.advance('r', 'u', 4);
    expect(calls.map((c) => c.seq)).toEqual([1, 2, 4]);
  });
});
