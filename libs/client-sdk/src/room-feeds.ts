import type { Message, MessagePage, Room } from '@chat/contracts';
import { ChatApiError } from './errors';
import type { HistoryQuery } from './chat-api';
import { RoomSequencer } from './room-sequencer';
import type { EventData, EventPayload } from './socket-request';

export interface RoomFeedsDeps {
  join: (payload: EventPayload<'room:join'>) => Promise<EventData<'room:join'>>;
  leave: (payload: EventPayload<'room:leave'>) => Promise<unknown>;
  history: (roomId: string, query: HistoryQuery) => Promise<MessagePage>;
  deliver: (message: Message) => void;
  /** A joined room that can no longer be joined (deleted, or the user was removed). */
  dropped: (roomId: string) => void;
  /**
   * How long a gap may stay open before it is filled over HTTP: live events from different
   * replicas can arrive slightly out of order, and most gaps close by themselves.
   */
  gapDelayMs: number;
}

const PAGE = 100;

/** The rooms this client has joined, each with its sequencer: join, resume, gap filling. */
export class RoomFeeds {
  private readonly feeds = new Map<string, RoomSequencer>();
  private readonly fillTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: RoomFeedsDeps) {}

  get roomIds(): string[] {
    return [...this.feeds.keys()];
  }

  /** The last seq delivered contiguously in a joined room. */
  position(roomId: string): number | null {
    return this.feeds.get(roomId)?.position ?? null;
  }

  /** Joins (or re-joins with `sinceSeq`), delivering whatever was missed. */
  async join(roomId: string): Promise<Room> {
    let sequencer = this.feeds.get(roomId);
    if (!sequencer) this.feeds.set(roomId, (sequencer = new RoomSequencer()));
    const sinceSeq = sequencer.position ?? undefined;
    try {
      const ack = await this.deps.join(sinceSeq === undefined ? { roomId } : { roomId, sinceSeq });
      if (sinceSeq === undefined) this.deliver(sequencer.base(ack.room.lastSeq));
      else this.deliver(sequencer.fill(sinceSeq, ack.missed));
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
    const timer = this.fillTimers.get(roomId);
    if (timer) clearTimeout(timer);
    this.fillTimers.delete(roomId);
  }

  /** A live `message:new`, or the message of a send's ack. */
  receive(message: Message): void {
    const sequencer = this.feeds.get(message.roomId);
    if (!sequencer) return;
    this.deliver(sequencer.push(message));
    if (sequencer.hasGap) this.scheduleFill(message.roomId);
  }

  /** After a reconnect: re-join every room with `sinceSeq`, and drop the ones refused. */
  async resume(): Promise<void> {
    await Promise.all(
      this.roomIds.map((roomId) =>
        this.join(roomId).catch((error: unknown) => {
          if (error instanceof ChatApiError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
            this.forget(roomId);
            this.deps.dropped(roomId);
          }
        }),
      ),
    );
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

  private deliver(messages: Message[]): void {
    for (const message of messages) this.deps.deliver(message);
  }
}
