import { Logger } from '@nestjs/common';
import { Channels } from '@chat/contracts';
import { RoomViewers } from '@chat/notifications';
import { KeyValueStore } from '@chat/platform/engine';
import type { ChatServer, ChatSocket } from '../chat-socket';

/** How long a departure is remembered: notifications are derived well within it, or sent regardless. */
const LEFT_TTL_MS = 15 * 60_000;
const ROOM_PREFIX = Channels.room('');
const leftKey = (roomId: string, userId: string) => `room-left:${roomId}:${userId}`;

/**
 * Who has a socket in a room, asked of every replica through the Socket.IO adapter (`fetchSockets`), and
 * when each user's last socket left it (the shared key-value store). When the replicas do not answer
 * in time, nobody counts as looking: a notification too many beats one lost.
 */
export class SocketRoomViewers extends RoomViewers {
  private readonly logger = new Logger(SocketRoomViewers.name);
  private server?: ChatServer;

  /** @param recordsDepartures whether anything here reads them: only where notifications are delivered */
  constructor(
    private readonly store: KeyValueStore,
    private readonly recordsDepartures = true,
  ) {
    super();
  }

  attach(server: ChatServer): void {
    this.server = server;
  }

  /** Called as a socket leaves rooms (room:leave, or disconnecting with its rooms still listed). */
  noteLeft(socket: ChatSocket, roomIds: string[]): void {
    if (!this.recordsDepartures) return;
    const now = String(Date.now());
    for (const roomId of roomIds)
      this.store
        .set(leftKey(roomId, socket.data.user.userId), now, LEFT_TTL_MS)
        .catch((error: Error) => this.logger.warn(`room departure: ${error.message}`));
  }

  /** The rooms a socket is joined to, from its Socket.IO rooms. */
  static joinedRooms(socket: ChatSocket): string[] {
    return [...socket.rooms]
      .filter((name) => name.startsWith(ROOM_PREFIX))
      .map((name) => name.slice(ROOM_PREFIX.length));
  }

  async present(roomId: string, userIds: string[], since: Date): Promise<Set<string>> {
    const present = new Set<string>();
    if (userIds.length === 0) return present;
    const wanted = new Set(userIds);
    try {
      const sockets = this.server ? await this.server.in(Channels.room(roomId)).fetchSockets() : [];
      for (const socket of sockets)
        if (wanted.has(socket.data.user.userId)) present.add(socket.data.user.userId);
      const left = await Promise.all(
        userIds
          .filter((id) => !present.has(id))
          .map(async (id) => [id, await this.store.get(leftKey(roomId, id))] as const),
      );
      for (const [id, at] of left) if (at !== null && Number(at) >= since.getTime()) present.add(id);
    } catch (error) {
      this.logger.warn(`who is in room ${roomId}: ${(error as Error).message}`);
    }
    return present;
  }
}
