import type { Message, ServerToClientEvents } from '@chat/contracts';
import type { ConnectionState } from './connection-state';
import type { StoredSession } from './session-store';

/** Server events the client hands on unchanged. `message:new` is replaced by the ordered `message`. */
export const FORWARDED_EVENTS = [
  'message:updated',
  'message:deleted',
  'typing',
  'presence',
  'room:member-joined',
  'room:member-left',
  'room:updated',
  'room:deleted',
  'room:invited',
  'room:removed',
  'announcement',
  'server:draining',
  'error',
] as const satisfies readonly (keyof ServerToClientEvents)[];

export type ForwardedEvent = (typeof FORWARDED_EVENTS)[number];

/** Everything a `ChatClient` emits. */
export type ChatClientEvents = Pick<ServerToClientEvents, ForwardedEvent> & {
  /** A room's messages, in `seq` order, each once, gaps filled: the one stream to render from. */
  message: (message: Message) => void;
  state: (state: ConnectionState) => void;
  /** The session after login, register or refresh; `null` after logout or when it ended. */
  session: (session: StoredSession | null) => void;
  /** The session was revoked or expired; log in again. */
  'session-ended': () => void;
  /** A joined room that could not be re-joined on resume (deleted, or the user was removed). */
  'room:dropped': (payload: { roomId: string }) => void;
};
