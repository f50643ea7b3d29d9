import { Injectable } from '@nestjs/common';
import type { PresenceEntry } from '@chat/contracts';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { PresenceQueryDto } from '../dto/presence-query.dto';
import { PresenceService } from '../presence/presence.service';

@Injectable()
export class PresenceGetHandler implements SocketEventHandler<PresenceQueryDto, { items: PresenceEntry[] }> {
  readonly event = 'presence:get';
  readonly dto = PresenceQueryDto;
  readonly limit = 'event';

  constructor(private readonly presence: PresenceService) {}

  async handle(socket: ChatSocket, { userIds }: PresenceQueryDto): Promise<{ items: PresenceEntry[] }> {
    return { items: await this.presence.statusFor(socket.data.user.userId, userIds) };
  }
}
