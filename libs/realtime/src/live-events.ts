import type { ServerToClientEvents } from '@chat/contracts';

export type EventName = keyof ServerToClientEvents;
export type EventArgs<E extends EventName> = Parameters<ServerToClientEvents[E]>;

/**
 * Reaching live sockets from any process: through `@socket.io/redis-emitter` in a cluster, through the
 * in-process Socket.IO server in the standalone server. Callers name channels, never sockets.
 */
export abstract class LiveEvents {
  abstract toUser<E extends EventName>(userId: string, event: E, ...args: EventArgs<E>): void;
  abstract toRoom<E extends EventName>(roomId: string, event: E, ...args: EventArgs<E>): void;
  abstract toEveryone<E extends EventName>(event: E, ...args: EventArgs<E>): void;
  /** Every socket of the user, on every replica, stops receiving the room's events. */
  abstract removeUserFromRoom(userId: string, roomId: string): void;
  /** Every socket of the room's channel leaves it (room deleted). */
  abstract closeRoom(roomId: string): void;
  abstract disconnectSession(sessionId: string): void;
}
