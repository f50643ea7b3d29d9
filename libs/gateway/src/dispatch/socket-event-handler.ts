import type { ClientEventName } from '@chat/contracts';
import type { ChatSocket } from '../chat-socket';

/** One client→server event: the DTO its payload must satisfy, and what to do with it. */
export interface SocketEventHandler<P extends object = object, R = unknown> {
  event: ClientEventName;
  dto: new () => P;
  /** Which rate-limit bucket the event spends from. */
  limit: 'send' | 'event';
  handle(socket: ChatSocket, payload: P): Promise<R>;
}

/** Nest multi-provider token under which handlers register themselves. */
export const SOCKET_EVENT_HANDLERS = Symbol('SOCKET_EVENT_HANDLERS');
