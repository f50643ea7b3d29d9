import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Channels, SocketLimits } from '@chat/contracts';
import type { ChatSocket } from '../chat-socket';

/** A repeated `typing:start` is re-broadcast at most this often; it still pushes the expiry back. */
const REBROADCAST_MS = 2000;

/**
 * Ephemeral: never stored. `typing:true` goes to the room's other sockets, throttled per user and room,
 * and the server itself sends `typing:false` when 6 s pass without a new `typing:start`.
 */
@Injectable()
export class TypingService implements OnModuleDestroy {
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();

  start(socket: ChatSocket, roomId: string): void {
    const userId = socket.data.user.userId;
    const key = `${roomId}:${userId}`;
    const now = Date.now();
    if (now - (this.lastSent.get(key) ?? 0) >= REBROADCAST_MS) {
      socket.to(Channels.room(roomId)).emit('typing', { roomId, userId, typing: true });
      this.lastSent.set(key, now);
    }
    clearTimeout(this.expiries.get(key));
    this.expiries.set(
      key,
      setTimeout(() => this.stop(socket, roomId), SocketLimits.typingExpiryMs),
    );
  }

  stop(socket: ChatSocket, roomId: string): void {
    const userId = socket.data.user.userId;
    const key = `${roomId}:${userId}`;
    clearTimeout(this.expiries.get(key));
    const wasTyping = this.expiries.delete(key);
    this.lastSent.delete(key);
    if (wasTyping)
      socket.nsp
        .to(Channels.room(roomId))
        .except(socket.id)
        .emit('typing', { roomId, userId, typing: false });
  }

  onModuleDestroy(): void {
    for (const timer of this.expiries.values()) clearTimeout(timer);
  }
}
