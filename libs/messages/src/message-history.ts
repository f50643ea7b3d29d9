import { Injectable } from '@nestjs/common';
import type { Message, MessagePage } from '@chat/contracts';
import { toMessage } from './message.mapper';
import type { PageQuery } from './message.record';
import { MessagesRepository } from './messages.repository';
import { settledPrefix } from './settled-prefix';

/** Reads of history, paged by seq (never by offset). Callers authorize; this only reads. */
@Injectable()
export class MessageHistory {
  constructor(private readonly repository: MessagesRepository) {}

  /**
   * Ascending by seq. `hasMore`: older messages exist (no cursor, `beforeSeq`), newer ones (`afterSeq`).
   * An `afterSeq` page, which clients use to fill gaps, never skips a seq whose write may still land.
   */
  async page(roomId: string, query: PageQuery): Promise<MessagePage> {
    const rows = await this.repository.page(roomId, query);
    const items = rows.slice(0, query.limit);
    if (query.afterSeq === undefined)
      return { items: items.reverse().map(toMessage), hasMore: rows.length > query.limit };
    const settled = settledPrefix(query.afterSeq, items);
    return { items: settled.rows.map(toMessage), hasMore: settled.truncated || rows.length > query.limit };
  }

  /**
   * The messages changed after `afterRev`, oldest change first, deleted ones as tombstones. `revThrough`
   * is where the next page (or a resume) starts: it never passes a rev whose write may still land, so a
   * client that moves to it misses nothing.
   */
  async changes(roomId: string, afterRev: number, limit: number): Promise<Required<MessagePage>> {
    const page = await this.repository.changedAfter(roomId, afterRev, limit);
    const items = page.rows.slice(0, limit);
    const full = page.rows.length > limit;
    return {
      items: items.map(toMessage),
      hasMore: full || page.truncated,
      revThrough: full ? items[items.length - 1].rev : page.through,
    };
  }

  /** The rev a client that has just read the room's state may resume changes from. */
  settledRev(roomId: string): Promise<number> {
    return this.repository.settledRev(roomId);
  }

  async search(roomId: string, text: string, limit: number): Promise<Message[]> {
    return (await this.repository.search(roomId, text, limit)).map(toMessage);
  }
}
