import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';

export interface SocketData {
  user: AuthUser;
}

/** Typed from the shared contracts, so the server, the clients and the tests agree on every event. */
export type ChatServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ChatSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
