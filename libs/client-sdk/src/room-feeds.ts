import type { Message, MessagePage, Room } from '@chat/contracts';
import { ChatApiError } from './errors';
import type { HistoryQuery } from './chat-api';
import { RevTracker } from './rev-tracker';
import { RoomSequencer } from './room-sequencer';
import type { EventData, EventPayload } from './socket-request';

export interface RoomFeedsDeps {
  join: (payload: EventPayload<'room:join'>) => Promise<EventData<'room:join'>>;
  leave: (payload: EventPayload<'room:leave'>) => Promise<unknown>;
  history: (roomId: string, query: HistoryQuery) => Promise<MessagePage>;
  deliver: (message: Message) => void;
  /** A message this client already had, as changed while it was away (an edit, a deletion, reactions). */
  changed: (message: Message) => void;
  /** A joined room that can no longer be joined (deleted, or the user was removed). */
  dropped: (roomId: string) => void;
  /**
   * How long a gap may stay open before it is filled over HTTP: live events from different
   * replicas can arrive slightly out of order, and most gaps close by themselves.
   */
  gapDelayMs: number;
}

const PAGE = 100;
/** The server holds changes back behind a rev still being written for at most a few seconds. */
const CHANGE_RETRY_MS = 1000;
/** Backoff of a re-join that failed for a passing reason. */
const REJOIN_FIRST_MS = 250;
const REJOIN_MAX_MS = 8000;

/**
 * The rooms this client has joined, each with its sequencer (new messages: join, resume, gap filling)
 * and its rev tracker (changes to messages it has: resumed by `sinceRev`).
 */
export class RoomFeeds {
  private readonly feeds = new Map<string, RoomSequencer>();
  private readonly revs = new Map<string, RevTracker>();
  private readonly fillTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly rejoinTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: RoomFeedsDeps) {}

  get roomIds(): string[] {
    return [...this.feeds.keys()];
  }

  /** The last seq delivered contiguously in a joined room. */
  position(roomId: string): number | null {
    return this.feeds.get(roomId)?.position ?? null;
  }

  /** How far a joined room's changes are known: the `sinceRev` of the next resume. */
  revPosition(roomId: string): number | null {
    return this.revs.get(roomId)?.through ?? null;
  }

  /** Joins (or re-joins with `sinceSeq` and `sinceRev`), delivering whatever was missed or changed. */
  async join(roomId: string): Promise<Room> {
    let sequencer = this.feeds.get(roomId);
    if (!sequencer) this.feeds.set(roomId, (sequencer = new RoomSequencer()));
    let revs = this.revs.get(roomId);
    if (!revs) this.revs.set(roomId, (revs = new RevTracker()));
    const sinceSeq = sequencer.position ?? undefined;
    const sinceRev = revs.through ?? undefined;
    try {
      const ack = await this.deps.join({
        roomId,
        ...(sinceSeq === undefined ? {} : { sinceSeq }),
        ...(sinceRev === undefined ? {} : { sinceRev }),
      });
      if (sinceSeq === undefined) this.deliver(sequencer.base(ack.room.lastSeq));
      else this.deliver(sequencer.fill(sinceSeq, ack.missed));
      this.applyChanges(roomId, ack.changed ?? []);
      // A server before revs sends no revThrough: the client then simply has nothing to resume from.
      if (ack.revThrough !== undefined) revs.settle(ack.revThrough);
      if (ack.hasMore && sinceRev !== undefined) await this.fillChanges(roomId);
      if (ack.hasMore || sequencer.hasGap) await this.fill(roomId);
      return ack.room;
    } catch (error) {
      if (error instanceof ChatApiError && sequencer.position === null) this.feeds.delete(roomId);
      throw error;
    }
  }

  async leave(roomId: string): Promise<void> {
    this.forget(roomId);
    await this.deps.leave({ roomId });
  }

  /** Stops tracking a room without telling the server (it was deleted, or we were removed). */
  forget(roomId: string): void {
    this.feeds.delete(roomId);
    this.revs.delete(roomId);
    for (const timers of [this.fillTimers, this.changeTimers, this.rejoinTimers]) {
      const timer = timers.get(roomId);
      if (timer) clearTimeout(timer);
      timers.delete(roomId);
    }
  }

  /** A live `message:new`, or the message of a send's ack. */
  receive(message: Message): void {
    const sequencer = this.feeds.get(message.roomId);
    if (!sequencer) return;
    this.revs.get(message.roomId)?.observe(message.rev);
    this.deliver(sequencer.push(message));
    if (sequencer.hasGap) this.scheduleFill(message.roomId);
  }

  /** A live `message:updated`, or the tombstone of a `message:deleted`: its rev is now known. */
  changeSeen(message: Message): void {
    this.revs.get(message.roomId)?.observe(message.rev);
  }

  /**
   * After a reconnect: re-join every room with `sinceSeq` and `sinceRev`, and drop the ones refused. A
   * re-join that failed otherwise (an ack timeout, a store briefly away) is tried again with backoff, so a
   * room never silently stops receiving.
   */
  async resume(): Promise<void> {
    await Promise.all(this.roomIds.map((roomId) => this.rejoin(roomId, 0)));
  }

  private async rejoin(roomId: string, failures: number): Promise<void> {
    try {
      await this.join(roomId);
    } catch (error) {
      if (error instanceof ChatApiError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
        this.forget(roomId);
        this.deps.dropped(roomId);
        return;
      }
      if (!this.feeds.has(roomId) || this.rejoinTimers.has(roomId)) return;
      const timer = setTimeout(
        () => {
          this.rejoinTimers.delete(roomId);
          if (this.feeds.has(roomId)) void this.rejoin(roomId, failures + 1);
        },
        Math.min(REJOIN_MAX_MS, REJOIN_FIRST_MS * 2 ** failures),
      );
      (timer as { unref?: () => void }).unref?.();
      this.rejoinTimers.set(roomId, timer);
    }
  }

  private scheduleFill(roomId: string): void {
    if (this.fillTimers.has(roomId)) return;
    const timer = setTimeout(() => {
      this.fillTimers.delete(roomId);
      this.fill(roomId).catch(() => this.scheduleFill(roomId));
    }, this.deps.gapDelayMs);
    (timer as { unref?: () => void }).unref?.();
    this.fillTimers.set(roomId, timer);
  }

  /** Pages the history after the position until the gap is closed or the server has nothing more. */
  private async fill(roomId: string): Promise<void> {
    for (;;) {
      const sequencer = this.feeds.get(roomId);
      const afterSeq = sequencer?.position;
      if (!sequencer || afterSeq === null || afterSeq === undefined) return;
      const page = await this.deps.history(roomId, { afterSeq, limit: PAGE });
      if (this.feeds.get(roomId) !== sequencer) return;
      this.deliver(sequencer.fill(afterSeq, page.items));
      if (!page.hasMore) break;
    }
    // Messages that arrived while the page was in flight may still wait for their predecessors.
    if (this.feeds.get(roomId)?.hasGap) this.scheduleFill(roomId);
  }

  /** Pages the changes after the rev position until the server has nothing more. */
  private async fillChanges(roomId: string): Promise<void> {
    for (;;) {
      const revs = this.revs.get(roomId);
      const afterRev = revs?.through;
      if (!revs || afterRev === null || afterRev === undefined) return;
      const page = await this.deps.history(roomId, { afterRev, limit: PAGE });
      if (this.revs.get(roomId) !== revs) return;
      this.applyChanges(roomId, page.items);
      if (page.revThrough !== undefined) revs.settle(page.revThrough);
      if (!page.hasMore || page.revThrough === undefined) return;
      if (page.revThrough <= afterRev) return this.scheduleChangeFill(roomId);
    }
  }

  /** A change still in flight on another replica holds the server's answer back for a moment. */
  private scheduleChangeFill(roomId: string): void {
    if (this.changeTimers.has(roomId)) return;
    const timer = setTimeout(() => {
      this.changeTimers.delete(roomId);
      this.fillChanges(roomId).catch(() => this.scheduleChangeFill(roomId));
    }, CHANGE_RETRY_MS);
    (timer as { unref?: () => void }).unref?.();
    this.changeTimers.set(roomId, timer);
  }

  /**
   * Changes to messages already delivered go out as changes; a changed message beyond the seq position
   * is a new one to this client, which the seq path delivers (in order, in its current state).
   */
  private applyChanges(roomId: string, changed: Message[]): void {
    const position = this.feeds.get(roomId)?.position;
    if (position === null || position === undefined) return;
    for (const message of changed) if (message.seq <= position) this.deps.changed(message);
  }

  private deliver(messages: Message[]): void {
    for (const message of messages) {
      this.revs.get(message.roomId)?.observe(message.rev);
      this.deps.deliver(message);
    }
  }
}
