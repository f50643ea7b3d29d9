import { Channels } from '@chat/contracts';
import { LiveEvents, type EventArgs, type EventName } from './live-events';

/** What a Socket.IO `Server` and a redis `Emitter` have in common. */
export interface BroadcastTarget {
  to(room: string): { emit(event: string, ...args: unknown[]): unknown };
  in(room: string): { socketsLeave(room: string): void; disconnectSockets(close?: boolean): void };
  emit(event: string, ...args: unknown[]): unknown;
}

/** LiveEvents over any broadcast target; `target()` may be absent while no socket server exists. */
export class BroadcastLiveEvents extends LiveEvents {
  constructor(private readonly target: () => BroadcastTarget | undefined) {
    super();
  }

  toUser<E extends EventName>(userId: string, event: E, ...args: EventArgs<E>): void {
    this.target()
      ?.to(Channels.user(userId))
      .emit(event, ...args);
  }

  toRoom<E extends EventName>(roomId: string, event: E, ...args: EventArgs<E>): void {
    this.target()
      ?.to(Channels.room(roomId))
      .emit(event, ...args);
  }

  toEveryone<E extends EventName>(event: E, ...args: EventArgs<E>): void {
    this.target()?.emit(event, ...args);
  }

  removeUserFromRoom(userId: string, roomId: string): void {
    this.target()?.in(Channels.user(userId)).socketsLeave(Channels.room(roomId));
  }

  closeRoom(roomId: string): void {
    this.target()?.in(Channels.room(roomId)).socketsLeave(Channels.room(roomId));
  }

  disconnectSession(sessionId: string): void {
    this.target()?.in(Channels.session(sessionId)).disconnectSockets(true);
  }
}
