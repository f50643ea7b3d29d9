import { io } from 'socket.io-client';
import { ErrorCode } from '@chat/contracts';
import { isLive, type ConnectionState } from './connection-state';
import type { ChatSocket } from './socket-request';

export interface SocketConnectionOptions {
  baseUrl: string;
  /** @default ['websocket'] */
  transports: ('websocket' | 'polling')[];
  /** Node only: the local address the websocket binds (see `ChatClientOptions.localAddress`). */
  localAddress?: string;
  /** A usable access token for each handshake. */
  token: () => Promise<string>;
  /** Renews the session after an UNAUTHORIZED handshake; rejects when it has ended. */
  renew: () => Promise<unknown>;
  /** Runs after every (re)connect, before the state turns live: re-joins rooms. */
  onLive: (resumed: boolean) => Promise<void>;
  onState: (state: ConnectionState) => void;
}

const REFUSED_RETRY_MS = { min: 500, max: 10_000 };

/**
 * The Socket.IO connection: the token is read afresh at every handshake (`auth` as a function),
 * a refused token is renewed once, a refused handshake for any other reason (a draining server) is
 * retried with backoff, and `server:draining` closes the socket and reconnects after the given delay.
 */
export class SocketConnection {
  readonly socket: ChatSocket;
  private current: ConnectionState = 'offline';
  private everLive = false;
  private refusals = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: SocketConnectionOptions) {
    const url = new URL(options.baseUrl);
    this.socket = io(url.origin, {
      path: `${url.pathname.replace(/\/+$/, '')}/socket.io`,
      transports: options.transports,
      autoConnect: false,
      forceNew: true,
      auth: (callback) => {
        options.token().then(
          (token) => callback({ token }),
          () => callback({}),
        );
      },
      // engine.io-client hands `localAddress` to `ws` in Node, but its option types do not list it.
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    });
    this.socket.on('connect', () => void this.becomeLive());
    this.socket.on('disconnect', (reason) => this.lost(reason));
    this.socket.on('connect_error', (error) => this.refused(error as Error & { data?: { code?: string } }));
    this.socket.on('server:draining', ({ reconnectAfterMs }) => this.drain(reconnectAfterMs));
  }

  get state(): ConnectionState {
    return this.current;
  }

  open(): void {
    if (this.current !== 'offline') return;
    this.setState(this.everLive ? 'reconnecting' : 'connecting');
    this.socket.connect();
  }

  close(): void {
    this.clearRetry();
    this.setState('offline');
    this.socket.disconnect();
  }

  /** Resolves once live; rejects after `timeoutMs`. */
  whenLive(timeoutMs: number): Promise<void> {
    if (isLive(this.current)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        reject(new Error('Not connected'));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  private async becomeLive(): Promise<void> {
    this.refusals = 0;
    const resumed = this.everLive;
    try {
      await this.options.onLive(resumed);
    } catch {
      // A room that can no longer be joined is dropped by the hook; the connection itself is fine.
    }
    if (!this.socket.connected) return;
    this.everLive = true;
    this.setState(resumed ? 'resumed' : 'connected');
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private lost(reason: string): void {
    if (this.current === 'offline') return;
    this.setState('reconnecting');
    // Socket.IO retries by itself except after a server-side disconnect (drain, kick, revocation).
    if (reason === 'io server disconnect') this.retryLater(REFUSED_RETRY_MS.min);
  }

  private refused(error: Error & { data?: { code?: string } }): void {
    if (this.current === 'offline') return;
    if (this.current !== 'connecting') this.setState('reconnecting');
    if (error.data?.code === ErrorCode.UNAUTHORIZED) {
      this.options.renew().then(
        () => this.retryLater(0),
        () => this.close(),
      );
      return;
    }
    // A middleware refusal stops Socket.IO's own retries; transport failures keep them going.
    if (!this.socket.active) {
      this.refusals += 1;
      const backoff = Math.min(REFUSED_RETRY_MS.max, REFUSED_RETRY_MS.min * 2 ** this.refusals);
      this.retryLater(backoff / 2 + Math.random() * (backoff / 2));
    }
  }

  private drain(reconnectAfterMs: number): void {
    this.setState('reconnecting');
    this.socket.disconnect();
    this.retryLater(reconnectAfterMs);
  }

  private retryLater(delayMs: number): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.current !== 'offline' && !this.socket.connected) this.socket.connect();
    }, delayMs);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState(state);
  }
}
