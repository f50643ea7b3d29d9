import { MessageBus } from '@chat/platform/engine';
import { BroadcastLiveEvents, type BroadcastTarget } from './broadcast-live-events';
import { LiveEvents, type EventArgs, type EventName } from './live-events';

/** The channel on which the relay carries live events to every gateway. */
export const LIVE_EVENTS_CHANNEL = 'chat:live-events';

export type LiveCommand =
  | { op: 'toUser'; userId: string; event: EventName; args: unknown[] }
  | { op: 'toRoom'; roomId: string; event: EventName; args: unknown[] }
  | { op: 'toEveryone'; event: EventName; args: unknown[] }
  | { op: 'removeUserFromRoom'; userId: string; roomId: string }
  | { op: 'closeRoom'; roomId: string }
  | { op: 'disconnectSession'; sessionId: string };

/**
 * LiveEvents for the sharded adapter, which `@socket.io/redis-emitter` cannot address (it publishes on
 * classic pub/sub channels only). Each event is published once on the bus; every gateway applies it to
 * its own sockets (`applyLiveCommand` with `server.local`), so together they reach every socket.
 */
export class RelayLiveEvents extends LiveEvents {
  constructor(private readonly bus: MessageBus) {
    super();
  }

  toUser<E extends EventName>(userId: string, event: E, ...args: EventArgs<E>): void {
    this.send({ op: 'toUser', userId, event, args });
  }

  toRoom<E extends EventName>(roomId: string, event: E, ...args: EventArgs<E>): void {
    this.send({ op: 'toRoom', roomId, event, args });
  }

  toEveryone<E extends EventName>(event: E, ...args: EventArgs<E>): void {
    this.send({ op: 'toEveryone', event, args });
  }

  removeUserFromRoom(userId: string, roomId: string): void {
    this.send({ op: 'removeUserFromRoom', userId, roomId });
  }

  closeRoom(roomId: string): void {
    this.send({ op: 'closeRoom', roomId });
  }

  disconnectSession(sessionId: string): void {
    this.send({ op: 'disconnectSession', sessionId });
  }

  private send(command: LiveCommand): void {
    void this.bus.publish(LIVE_EVENTS_CHANNEL, JSON.stringify(command)).catch(() => undefined);
  }
}

/** Applies a relayed command to the sockets a target reaches (a gateway passes `server.local`). */
export function applyLiveCommand(target: BroadcastTarget, command: LiveCommand): void {
  const live = new BroadcastLiveEvents(() => target);
  const emitUntyped = live as unknown as Record<string, (...args: unknown[]) => void>;
  switch (command.op) {
    case 'toUser':
      return emitUntyped.toUser(command.userId, command.event, ...command.args);
    case 'toRoom':
      return emitUntyped.toRoom(command.roomId, command.event, ...command.args);
    case 'toEveryone':
      return emitUntyped.toEveryone(command.event, ...command.args);
    case 'removeUserFromRoom':
      return live.removeUserFromRoom(command.userId, command.roomId);
    case 'closeRoom':
      return live.closeRoom(command.roomId);
    case 'disconnectSession':
      return live.disconnectSession(command.sessionId);
  }
}
