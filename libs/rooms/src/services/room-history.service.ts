import { Injectable } from '@nestjs/common';
import type { Message, MessagePage } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { MessageHistory } from '@chat/messages';
import { AppError } from '@chat/platform/errors';
import { RoomAccess } from '../access/room-access';
import type { HistoryQuery } from '../dto/history.query';
import type { SearchQuery } from '../dto/search.query';

/** History and search for members: 403 for non-members of a public room, 404 for a private one. */
@Injectable()
export class RoomHistoryService {
  constructor(
    private readonly history: MessageHistory,
    private readonly access: RoomAccess,
  ) {}

  async page(me: AuthUser, roomId: string, query: HistoryQuery): Promise<MessagePage> {
    const cursors = [query.beforeSeq, query.afterSeq, query.afterRev].filter(
      (cursor) => cursor !== undefined,
    );
    if (cursors.length > 1) throw AppError.validation('beforeSeq, afterSeq and afterRev cannot be combined');
    const { id } = await this.access.member(me, roomId);
    if (query.afterRev !== undefined) return this.history.changes(id, query.afterRev, query.limit);
    return this.history.page(id, query);
  }

  async search(me: AuthUser, roomId: string, query: SearchQuery): Promise<{ items: Message[] }> {
    const { id } = await this.access.member(me, roomId);
    return { items: await this.history.search(id, query.q, query.limit) };
  }
}
