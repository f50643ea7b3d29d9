import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Message, MessagePage } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { UserRateLimits } from '@chat/platform/engine';
import { HistoryQuery } from '../dto/history.query';
import { RoomIdParams } from '../dto/room-id.params';
import { SearchQuery } from '../dto/search.query';
import { RoomHistoryService } from '../services/room-history.service';

@Controller('rooms/:id/messages')
export class MessagesController {
  constructor(
    private readonly history: RoomHistoryService,
    private readonly limits: UserRateLimits,
  ) {}

  @Get()
  page(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Query() query: HistoryQuery,
  ): Promise<MessagePage> {
    return this.history.page(me, id, query);
  }

  @Get('search')
  async search(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Query() query: SearchQuery,
  ): Promise<{ items: Message[] }> {
    await this.limits.spend('search', me.userId);
    return this.history.search(me, id, query);
  }
}
