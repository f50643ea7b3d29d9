import type { Message } from '@chat/contracts';

const REMEMBERED_IDS = 2000;

/**
 * Puts one room's live messages in `seq` order, exactly once.
 *
 * - Until `base()` is called (the join ack), messages are held.
 * - A message right after the position is delivered, with any held successors.
 * - A message further ahead is held: that is a gap, which the caller resolves with `fill()`.
 * - `fill()` takes an authoritative page from the server (`room:join {sinceSeq}` or history
 *   `afterSeq`), and the position moves through it even across holes: a seq that a failed write
 *   took stays empty for ever, and only the server can say so.
 */
export class RoomSequencer {
  private last: number | null = null;
  private readonly held = new Map<number, Message>();
  private readonly seen = new Set<string>();

  /** The last seq delivered contiguously, or `null` before the base is known. */
  get position(): number | null {
    return this.last;
  }

  /** Whether messages are held behind a missing seq. */
  get hasGap(): boolean {
    return this.last !== null && this.held.size > 0;
  }

  /** The lowest held seq, if any. */
  get firstHeld(): number | null {
    return this.held.size === 0 ? null : Math.min(...this.held.keys());
  }

  /** Everything up to `seq` counts as delivered (the room's `lastSeq` when joined afresh). */
  base(seq: number): Message[] {
    if (this.last === null || seq > this.last) this.last = seq;
    return this.drain();
  }

  /** A live message; returns the messages now deliverable, in order. */
  push(message: Message): Message[] {
    if (this.isDuplicate(message)) return [];
    this.held.set(message.seq, message);
    return this.drain();
  }

  /** An authoritative page of the messages after `afterSeq`, ascending; returns what to deliver. */
  fill(afterSeq: number, items: Message[]): Message[] {
    if (this.last === null) this.last = afterSeq;
    const delivered: Message[] = [];
    for (const message of [...items].sort((a, b) => a.seq - b.seq)) {
      this.held.delete(message.seq);
      if (this.isDuplicate(message)) continue;
      this.last = message.seq;
      this.remember(message);
      delivered.push(message);
    }
    return [...delivered, ...this.drain()];
  }

  private isDuplicate(message: Message): boolean {
    return this.seen.has(message.id) || (this.last !== null && message.seq <= this.last);
  }

  private drain(): Message[] {
    if (this.last === null) return [];
    for (const seq of this.held.keys()) if (seq <= this.last) this.held.delete(seq);
    const delivered: Message[] = [];
    for (let next = this.held.get(this.last + 1); next; next = this.held.get(this.last + 1)) {
      this.held.delete(next.seq);
      this.last = next.seq;
      this.remember(next);
      delivered.push(next);
    }
    return delivered;
  }

  private remember(message: Message): void {
    this.seen.add(message.id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
  }
}
