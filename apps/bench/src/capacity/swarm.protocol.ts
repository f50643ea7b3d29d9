/** IPC between the capacity command and its client processes (swarm.child.ts). */
export type SwarmRequest =
  | {
      op: 'connect';
      id: number;
      url: string;
      /** One access token per socket. */
      tokens: string[];
      /** Loopback source addresses, used in turn. */
      addresses: string[];
      /** Handshakes in flight at once. */
      concurrency: number;
      /** Come back after a drop, as the chat's clients do. */
      reconnection: boolean;
    }
  | { op: 'count'; id: number }
  | { op: 'close'; id: number };

export interface SwarmReply {
  id: number;
  /** Sockets connected now. */
  connected: number;
  failed?: number;
  elapsedMs?: number;
  firstError?: string;
}
