import type { Message } from '@chat/contracts';
import { RoomSequencer } from './room-sequencer';

const message = (seq: number, id = `m${seq}`): Message => ({
  id,
  roomId: 'r1',
  seq,
  rev: seq,
  senderId: 'u1',
  clientMsgId: `client-${seq}`,
  body: `body ${seq}`,
  createdAt: new Date(0).toISOString(),
  editedAt: null,
  deleted: false,
  reactions: {},
  attachments: [],
  mentions: [],
});
const seqs = (messages: Message[]) => messages.map((m) => m.seq);

describe('RoomSequencer', () => {
  it('holds messages until the base is known, then drops what the base covers', () => {
    const sequencer = new RoomSequencer();
    expect(sequencer.push(message(5))).toEqual([]);
    expect(sequencer.push(message(6))).toEqual([]);
    expect(seqs(sequencer.base(5))).toEqual([6]);
    expect(sequencer.position).toBe(6);
  });

  it('delivers in seq order when live events arrive out of order', () => {
    const sequencer = new RoomSequencer();
    sequencer.base(0);
    expect(seqs(sequencer.push(message(2)))).toEqual([]);
    expect(sequencer.hasGap).toBe(true);
    expect(sequencer.firstHeld).toBe(2);
    expect(seqs(sequencer.push(message(3)))).toEqual([]);
    expect(seqs(sequencer.push(message(1)))).toEqual([1, 2, 3]);
    expect(sequencer.hasGap).toBe(false);
  });

  it('delivers each message once, by id and by seq', () => {
    const sequencer = new RoomSequencer();
    sequencer.base(0);
    expect(seqs(sequencer.push(message(1)))).toEqual([1]);
    expect(sequencer.push(message(1))).toEqual([]);
    expect(sequencer.push(message(3))).toEqual([]);
    expect(sequencer.push(message(3))).toEqual([]);
    expect(seqs(sequencer.fill(1, [message(2), message(3)]))).toEqual([2, 3]);
    expect(sequencer.push(message(3))).toEqual([]);
  });

  it('fills a gap from an authoritative page and then releases held messages', () => {
    const sequencer = new RoomSequencer();
    sequencer.base(10);
    sequencer.push(message(14));
    expect(sequencer.firstHeld).toBe(14);
    expect(seqs(sequencer.fill(10, [message(11), message(12)]))).toEqual([11, 12]);
    expect(sequencer.hasGap).toBe(true);
    expect(seqs(sequencer.fill(12, [message(13)]))).toEqual([13, 14]);
    expect(sequencer.position).toBe(14);
  });

  it('moves past a seq the server never filled (a failed write’s hole)', () => {
    const sequencer = new RoomSequencer();
    sequencer.base(0);
    sequencer.push(message(3));
    expect(seqs(sequencer.fill(0, [message(1), message(3)]))).toEqual([1, 3]);
    expect(sequencer.hasGap).toBe(false);
    expect(seqs(sequencer.push(message(4)))).toEqual([4]);
  });

  it('resumes from a join page when it had no base yet', () => {
    const sequencer = new RoomSequencer();
    expect(seqs(sequencer.fill(7, [message(8), message(9)]))).toEqual([8, 9]);
    expect(sequencer.position).toBe(9);
  });
});
