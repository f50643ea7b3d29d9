import {
  type ClientEventName,
  type Message,
  type PresenceEntry,
  type Room,
  type Session,
  type User,
} from '@chat/contracts';
import { ChatApi, type HistoryQuery } from './chat-api';
import { FORWARDED_EVENTS, type ChatClientEvents } from './chat-client.events';
import { newClientMsgId } from './client-msg-id';
import type { ConnectionState } from './connection-state';
import { AckTimeoutError } from './errors';
import { HttpClient } from './http-client';
import { withPacedRetry } from './paced-retry';
import { RoomFeeds } from './room-feeds';
import { MemorySessionStore, type SessionStore, type StoredSession } from './session-store';
import { SocketConnection } from './socket-connection';
import { emitWithAck, type ChatSocket, type EventData, type EventPayload } from './socket-request';
import { TokenKeeper } from './token-keeper';
import type { RefreshPolicy } from './token-schedule';
import { TypedEmitter } from './typed-emitter';

export interface ChatClientOptions {
  /** The one base URL: the load balancer, or the standalone server. */
  baseUrl: string;
  /** Where the session is kept between runs. @default in memory only */
  store?: SessionStore;
  /** @default ['websocket'] */
  transports?: ('websocket' | 'polling')[];
  /** How long to wait for an ack before the event counts as lost. @default 8000 */
  ackTimeoutMs?: number;
  /** Attempts of one `send`, all with the same clientMsgId. @default 4 */
  sendAttempts?: number;
  /** How long a seq gap may stay open before it is filled over HTTP. @default 300 */
  gapDelayMs?: number;
  /** When to renew the access token. @default DEFAULT_REFRESH_POLICY */
  refreshPolicy?: RefreshPolicy;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Node only: the local address the websocket connects from. Behind nginx's `hash $remote_addr`, each
   * 127.0.0.x picks a gateway: the fault suite and the load kit spread their clients so. Browsers, and
   * Node's long-polling transport, ignore it.
   * @default the system's choice
   */
  localAddress?: string;
  /**
   * Instrumentation: called once, at construction, with the Socket.IO socket, for a test or a load kit
   * to watch it (the transport in use, refused handshakes, live `message:new` as it arrives). Listen
   * only: emitting on it or disconnecting it would bypass the client's own bookkeeping.
   * @default none
   */
  observeSocket?: (socket: ChatSocket) => void;
}

export interface SendOptions {
  /** Up to 10 ids from `api.uploadAttachment` to the same room, each sent with one message. @default none */
  attachmentIds?: string[];
}

/**
 * One typed chat client for browsers and Node: the session (with renewal), the HTTP API (`api`),
 * and the live connection with ordered, deduplicated, gap-filled and resumed room feeds.
 */
export class ChatClient extends TypedEmitter<ChatClientEvents> {
  readonly api: ChatApi;
  private readonly tokens: TokenKeeper;
  private readonly connection: SocketConnection;
  private readonly feeds: RoomFeeds;
  private readonly ackTimeoutMs: number;
  private readonly sendAttempts: number;

  constructor(options: ChatClientOptions) {
    super();
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.sendAttempts = options.sendAttempts ?? 4;
    const http = new HttpClient(options.baseUrl, options.fetch);
    this.api = new ChatApi(
      http,
      () => this.tokens.accessToken(),
      () => this.tokens.refresh(),
    );
    this.tokens = new TokenKeeper(
      (refreshToken) => this.api.refresh(refreshToken),
      options.store ?? new MemorySessionStore(),
      (session, reason) => this.sessionChanged(session, reason),
      options.refreshPolicy,
    );
    this.connection = new SocketConnection({
      baseUrl: options.baseUrl,
      transports: options.transports ?? ['websocket'],
      localAddress: options.localAddress,
      token: () => this.tokens.accessToken(),
      renew: () => this.tokens.refresh(),
      onLive: () => this.feeds.resume(),
      onState: (state) => this.emit('state', state),
    });
    this.feeds = new RoomFeeds({
      join: (payload) => this.rawRequest('room:join', payload),
      leave: (payload) => this.rawRequest('room:leave', payload),
      history: (roomId, query) => this.api.messages(roomId, query),
      deliver: (message) => this.emit('message', message),
      changed: (message) => this.emitChange(message),
      dropped: (roomId) => this.emit('room:dropped', { roomId }),
      gapDelayMs: options.gapDelayMs ?? 300,
    });
    this.wireSocket();
    options.observeSocket?.(this.connection.socket);
  }

  get user(): User | null {
    return this.tokens.session?.user ?? null;
  }

  get session(): StoredSession | null {
    return this.tokens.session;
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  /** Room ids joined on the live connection (re-joined on every reconnect). */
  get joinedRooms(): string[] {
    return this.feeds.roomIds;
  }

  // Session.
  /** Picks up a stored session; returns whether there was one. */
  restore(): boolean {
    return this.tokens.restore() !== null;
  }
  async register(username: string, password: string, displayName?: string): Promise<User> {
    return this.start(await this.api.register(username, password, displayName));
  }
  async login(username: string, password: string): Promise<User> {
    return this.start(await this.api.login(username, password));
  }
  /** Revokes the session on the server (best effort) and forgets it here. */
  async logout(): Promise<void> {
    const session = this.tokens.session;
    this.disconnect();
    try {
      if (session) await this.api.logout(session.refreshToken);
    } finally {
      this.tokens.clear();
      this.emit('session', null);
    }
  }

  // Connection.
  connect(): void {
    this.connection.open();
  }
  disconnect(): void {
    this.connection.close();
  }
  /** Resolves once connected (and resumed). */
  ready(timeoutMs = this.ackTimeoutMs): Promise<void> {
    return this.connection.whenLive(timeoutMs);
  }
  /** Stops timers and the socket, keeping the stored session: for a process that is finishing. */
  close(): void {
    this.disconnect();
    this.tokens.stop();
  }

  // Rooms on the live connection.
  join(roomId: string): Promise<Room> {
    return this.ready().then(() => this.feeds.join(roomId));
  }
  leave(roomId: string): Promise<void> {
    return this.feeds.leave(roomId);
  }
  /** The last seq delivered in order for a joined room. */
  position(roomId: string): number | null {
    return this.feeds.position(roomId);
  }
  /** The rev through which a joined room's changes are known (resumed from with `sinceRev`). */
  revPosition(roomId: string): number | null {
    return this.feeds.revPosition(roomId);
  }
  history(roomId: string, query: HistoryQuery = {}) {
    return this.api.messages(roomId, query);
  }

  /**
   * Sends with a fresh clientMsgId, retried with the same id on an ack timeout or a retryable code
   * (rate limited, a draining replica, the store briefly away): the server stores it once. Files go
   * first through `api.uploadAttachment`, then by id in `options.attachmentIds` (the body may then be '').
   */
  async send(
    roomId: string,
    body: string,
    clientMsgId = newClientMsgId(),
    options: SendOptions = {},
  ): Promise<Message> {
    const attachmentIds = options.attachmentIds?.length ? options.attachmentIds : undefined;
    const payload = attachmentIds
      ? { roomId, clientMsgId, body, attachmentIds }
      : { roomId, clientMsgId, body };
    const { message } = await withPacedRetry(() => this.request('message:send', payload), {
      attempts: this.sendAttempts,
    });
    this.feeds.receive(message);
    return message;
  }
  edit(roomId: string, messageId: string, body: string): Promise<Message> {
    return this.request('message:edit', { roomId, messageId, body }).then((data) => data.message);
  }
  delete(roomId: string, messageId: string): Promise<void> {
    return this.request('message:delete', { roomId, messageId }).then(() => undefined);
  }
  react(roomId: string, messageId: string, emoji: string, on = true): Promise<Message> {
    const event = on ? 'reaction:add' : 'reaction:remove';
    return this.request(event, { roomId, messageId, emoji }).then((data) => data.message);
  }
  typing(roomId: string, typing: boolean): Promise<void> {
    return this.request(typing ? 'typing:start' : 'typing:stop', { roomId }).then(() => undefined);
  }
  markRead(roomId: string, seq: number): Promise<number> {
    return this.request('read:mark', { roomId, seq }).then((data) => data.lastReadSeq);
  }
  presence(userIds: string[]): Promise<PresenceEntry[]> {
    return this.request('presence:get', { userIds }).then((data) => data.items);
  }

  /** Any client→server event, once the connection is live. */
  async request<E extends ClientEventName>(event: E, payload: EventPayload<E>): Promise<EventData<E>> {
    await this.ready().catch(() => {
      throw new AckTimeoutError(event);
    });
    return this.rawRequest(event, payload);
  }

  private rawRequest<E extends ClientEventName>(event: E, payload: EventPayload<E>): Promise<EventData<E>> {
    return emitWithAck(this.connection.socket, event, payload, this.ackTimeoutMs);
  }

  private start(session: Session): User {
    this.emit('session', this.tokens.adopt(session));
    return session.user;
  }

  private sessionChanged(session: StoredSession | null, reason: 'renewed' | 'ended'): void {
    this.emit('session', session);
    if (reason === 'renewed' && session) this.renewSocketAuth(session.accessToken);
    if (reason === 'ended') {
      this.disconnect();
      this.emit('session-ended');
    }
  }

  /**
   * The server ends a socket when its access token expires (`auth:expired`); handing it each renewed token
   * keeps the socket alive. A refused renewal is harmless: the expiry disconnect and the reconnect with a
   * fresh token follow.
   */
  private renewSocketAuth(token: string): void {
    if (!this.connection.socket.connected) return;
    this.rawRequest('auth:renew', { token }).catch(() => undefined);
  }

  /** A change caught up on resume goes out as the live event would have. */
  private emitChange(message: Message): void {
    if (message.deleted) this.emit('message:deleted', { ...message, messageId: message.id, message });
    else this.emit('message:updated', message);
  }

  private wireSocket(): void {
    const socket = this.connection.socket;
    socket.on('message:new', (message) => this.feeds.receive(message));
    socket.on('message:updated', (message) => this.feeds.changeSeen(message));
    socket.on('message:deleted', (event) => this.feeds.changeSeen(event.message ?? event));
    socket.on('room:deleted', ({ roomId }) => this.feeds.forget(roomId));
    socket.on('room:removed', ({ roomId }) => this.feeds.forget(roomId));
    for (const event of FORWARDED_EVENTS) {
      const forward = (...args: unknown[]) =>
        (this.emit as (name: string, ...values: unknown[]) => void)(event, ...args);
      (socket.on as (name: string, listener: (...args: unknown[]) => void) => void)(event, forward);
    }
  }
}
