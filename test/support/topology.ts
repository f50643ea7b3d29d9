import type { Session } from '@chat/contracts';
import type { HttpClient } from '@chat/testing';

/** A user as the socket tests see one: their session, and HTTP clients for auth and rooms. */
export interface SocketActor {
  session: Session;
  id: string;
  token: string;
  http: HttpClient;
  auth: HttpClient;
}

/** What a socket contract test runs against: the 3-gateway cluster, or the standalone server. */
export interface ChatTopology {
  name: string;
  /** Where sockets connect; a test spreads its sockets over them. */
  gatewayUrls: string[];
  actor(): Promise<SocketActor>;
  admin(): Promise<SocketActor>;
  close(): Promise<void>;
}
