import { Injectable } from '@nestjs/common';
import type { Message, MessagePage } from '@chat/contracts';
import { toMessage } from './message.mapper';
import { MessagesRepository, type PageQuery } from './messages.repository';

/** Reads of history, paged by seq (never by offset). Callers authorize; this only reads. */
@Injectable()
export class MessageHistory {
  constructor(private readonly repository: MessagesRepository) {}

  /** Ascending by seq. `hasMore`: older messages exist (no cursor, `beforeSeq`), newer ones (`afterSeq`). */
  async page(roomId: string, query: PageQuery): Promise<MessagePage> {
    const rows = await this.repository.page(roomId, query);
    const hasMore = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    if (query.afterSeq === undefined) items.reverse();
    return { items: items.map(toMessage), hasMore };
  }

  async search(roomId: string, text: string, limit: number): Promise<Message[]> {
    return (await this.repository.search(roomId, text, limit)).map(toMessage);
  }
}
