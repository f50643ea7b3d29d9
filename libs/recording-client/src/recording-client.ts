import { setTimeout as sleep } from 'node:timers/promises';
import type { Message, Session } from '@chat/contracts';
import {
  AckTimeoutError,
  ChatApiError,
  ChatClient,
  MemorySessionStore,
  isLive,
  type ChatApi,
  type ChatSocket,
  type ConnectionState,
} from '@chat/client-sdk';
import {
  stateDigest,
  type ChangeKind,
  type ChangeRecord,
  type ReceiptRecord,
  type SendRecord,
  type StateRecord,
} from '@chat/delivery-checker';

export type Transport = 'websocket' | 'polling';

interface HeldVersion {
  rev: number;
  digest: string;
}

export interface RecordingClientOptions {
  baseUrl: string;
  /** A label for the delivery checker's findings. */
  clientId: string;
  /**
   * The session to run as, fresh from register or login. The SDK renews it before its access token
   * expires, for every (re)connect and HTTP call of a long run.
   */
  session: Session;
  /** A 127.0.0.x source address for the websocket: behind `hash $remote_addr`, it picks this client's gateway. */
  localAddress?: string;
  /** @default ['websocket']; ['polling', 'websocket'] starts on long-polling and upgrades. */
  transports?: Transport[];
  /** How long one attempt (a send, a join) waits for its ack; the SDK's `ackTimeoutMs`. @default 3000 */
  ackTimeoutMs?: number;
  /** Attempts of one send, all with its clientMsgId; the SDK's `sendAttempts`. @default 10 */
  sendAttempts?: number;
  /** Called for each message the SDK hands to the application, in order, once. */
  onDeliver?: (message: Message, at: number) => void;
  /**
   * Called with the error code of every refused handshake (`connect_error`), and of every send or
   * join that failed for good (`ACK_TIMEOUT` when no ack came). The SDK retries a send's attempts
   * inside `ChatClient.send`, out of sight, so a failed attempt that a retry repaired is not seen here.
   */
  onError?: (code: string) => void;
  /** Keep every receipt, and the state of every message held, for the delivery checker. @default true */
  recordReceipts?: boolean;
}

export interface SendOptions {
  /**
   * When the send was meant to happen (ms since the epoch). A load generator that fell behind passes
   * its schedule here, so the wait shows up in the latency instead of being hidden.
   */
  intendedAt?: number;
  /** Attachments uploaded beforehand (`chat.api.uploadAttachment`), sent with the message. @default none */
  attachmentIds?: string[];
}

/**
 * The client SDK's `ChatClient`, instrumented for the delivery checker. Sending (one clientMsgId, its
 * retries), ordering by seq, gap filling, reconnecting and resuming are all the SDK's own, as users
 * ship them; this only records what it did: each send's outcome, each message delivered, how long each
 * outage lasted. The fault suite and the load kit both drive it.
 */
export class RecordingClient {
  readonly chat: ChatClient;
  readonly sends: SendRecord[] = [];
  readonly receipts: ReceiptRecord[] = [];
  readonly changes: ChangeRecord[] = [];
  /** How long each outage lasted, from losing the connection until every room was resumed (ms). */
  readonly reconnects: number[] = [];
  /** From construction to the first live moment (ms), once connected. */
  connectMs: number | null = null;
  private socket?: ChatSocket;
  private readonly liveWatchers = new Set<(message: Message) => void>();
  private readonly createdAt = Date.now();
  private lostAt: number | null = null;
  /** roomId → messageId → the latest version held: what the application would show. */
  private readonly held = new Map<string, Map<string, HeldVersion>>();

  constructor(private readonly options: RecordingClientOptions) {
    const store = new MemorySessionStore();
    const { session } = options;
    store.save({ ...session, accessExpiresAt: Date.now() + session.expiresIn * 1000 });
    this.chat = new ChatClient({
      baseUrl: options.baseUrl,
      store,
      transports: options.transports ?? ['websocket'],
      localAddress: options.localAddress,
      ackTimeoutMs: options.ackTimeoutMs ?? 3000,
      sendAttempts: options.sendAttempts ?? 10,
      observeSocket: (socket) => this.observe(socket),
    });
    this.chat.restore();
    this.chat.on('message', (message) => this.deliver(message));
    this.chat.on('message:updated', (message) => this.hold(message));
    this.chat.on('message:deleted', (event) => this.hold(event.message ?? event));
    this.chat.on('state', (state) => this.stateChanged(state));
  }

  get id(): string {
    return this.options.clientId;
  }

  get userId(): string {
    return this.options.session.user.id;
  }

  /** The user's HTTP API, on the same session. */
  get api(): ChatApi {
    return this.chat.api;
  }

  /** The Engine.IO transport in use: `polling` until an upgrade succeeds. */
  get transport(): string | undefined {
    return this.socket?.io.engine?.transport?.name;
  }

  get connected(): boolean {
    return isLive(this.chat.state);
  }

  /** Connects and resolves once live. */
  async open(timeoutMs = 10_000): Promise<void> {
    this.chat.connect();
    await this.chat.ready(timeoutMs);
  }

  /** Joins a room from its current last seq (the join point); returns that seq. */
  async join(roomId: string): Promise<number> {
    try {
      return (await this.chat.join(roomId)).lastSeq;
    } catch (error) {
      this.options.onError?.(errorCode(error));
      throw error;
    }
  }

  /** One logical send through `ChatClient.send`, recorded with its outcome once it settles. */
  async send(
    roomId: string,
    clientMsgId: string,
    body: string,
    options: SendOptions = {},
  ): Promise<SendRecord> {
    const sentAt = options.intendedAt ?? Date.now();
    let outcome: SendRecord['outcome'] = 'acked';
    let message: Message | null = null;
    try {
      message = await this.chat.send(roomId, body, clientMsgId, { attachmentIds: options.attachmentIds });
    } catch (error) {
      outcome = error instanceof AckTimeoutError ? 'timeout' : 'failed';
      this.options.onError?.(errorCode(error));
    }
    const record: SendRecord = {
      clientId: this.id,
      senderId: this.userId,
      roomId,
      clientMsgId,
      outcome,
      messageId: message?.id ?? null,
      seq: message?.seq ?? null,
      sentAt,
      settledAt: Date.now(),
    };
    this.sends.push(record);
    return record;
  }

  /** Edits the body of one of this user's messages; recorded like a send. */
  edit(roomId: string, messageId: string, body: string): Promise<ChangeRecord> {
    return this.change('edit', roomId, messageId, () => this.chat.edit(roomId, messageId, body));
  }

  /** Deletes one of this user's messages. */
  delete(roomId: string, messageId: string): Promise<ChangeRecord> {
    return this.change('delete', roomId, messageId, async () => {
      await this.chat.delete(roomId, messageId);
      return null;
    });
  }

  /** Adds (`on`) or removes this user's reaction to any message of the room. */
  react(roomId: string, messageId: string, emoji: string, on = true): Promise<ChangeRecord> {
    return this.change(on ? 'react' : 'unreact', roomId, messageId, () =>
      this.chat.react(roomId, messageId, emoji, on),
    );
  }

  /** Every message held in the room's latest version, for the delivery checker's change check. */
  states(): StateRecord[] {
    return [...this.held].flatMap(([roomId, messages]) =>
      [...messages].map(([messageId, { rev, digest }]) => ({
        clientId: this.id,
        roomId,
        messageId,
        rev,
        digest,
      })),
    );
  }

  /**
   * Resolves once the SDK knows the room's changes through `rev` (its `revPosition`): after a recovery,
   * changes still in flight on another replica may hold the server's answer back for a moment.
   */
  async caughtUpTo(roomId: string, rev: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.chat.revPosition(roomId) ?? 0) < rev) {
      if (Date.now() > deadline)
        throw new Error(`${this.id}: changes known through rev ${this.chat.revPosition(roomId)}, not ${rev}`);
      await sleep(100);
    }
  }

  /**
   * What a client does after any outage, through the SDK: re-join the room with `sinceSeq` and fill
   * whatever is still missing from the history.
   */
  async recover(roomId: string, timeoutMs = 15_000): Promise<void> {
    await this.chat.ready(timeoutMs);
    await this.chat.join(roomId);
  }

  /**
   * When the first message matching `match` arrives live (a `message:new` event, not a catch-up);
   * rejects after `timeoutMs`.
   */
  firstLive(match: (message: Message) => boolean, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const watch = (message: Message) => {
        if (!match(message)) return;
        finish();
        resolve(Date.now());
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.id}: no matching live message within ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.liveWatchers.delete(watch);
      };
      this.liveWatchers.add(watch);
    });
  }

  close(): void {
    this.chat.close();
  }

  /** Listens on the SDK's socket, never emits on it: refused handshakes, and live arrivals. */
  private observe(socket: ChatSocket): void {
    this.socket = socket;
    socket.on('connect_error', (error) => this.options.onError?.(connectErrorCode(error)));
    socket.on('message:new', (message) => {
      for (const watch of this.liveWatchers) watch(message);
    });
  }

  private deliver(message: Message): void {
    const at = Date.now();
    this.options.onDeliver?.(message, at);
    if (this.options.recordReceipts === false) return;
    const { roomId, seq, id: messageId, senderId, clientMsgId } = message;
    this.receipts.push({ clientId: this.id, roomId, seq, messageId, senderId, clientMsgId, at });
    this.hold(message);
  }

  /** Keeps the newer version: live events and catch-up may bring an older one after a newer. */
  private hold(message: Message): void {
    if (this.options.recordReceipts === false) return;
    let messages = this.held.get(message.roomId);
    if (!messages) this.held.set(message.roomId, (messages = new Map<string, HeldVersion>()));
    const current = messages.get(message.id);
    if (current && current.rev >= message.rev) return;
    messages.set(message.id, { rev: message.rev, digest: stateDigest(message) });
  }

  private async change(
    kind: ChangeKind,
    roomId: string,
    messageId: string,
    apply: () => Promise<Message | null>,
  ): Promise<ChangeRecord> {
    const sentAt = Date.now();
    let outcome: ChangeRecord['outcome'] = 'acked';
    let rev: number | null = null;
    try {
      // A deletion's ack carries no message (PROTOCOL.md): its rev comes only with the broadcast tombstone.
      const changed = await apply();
      rev = changed?.rev ?? null;
      if (changed) this.hold(changed);
    } catch (error) {
      outcome = error instanceof AckTimeoutError ? 'timeout' : 'failed';
      this.options.onError?.(errorCode(error));
    }
    const record: ChangeRecord = {
      clientId: this.id,
      roomId,
      messageId,
      kind,
      outcome,
      rev,
      sentAt,
      settledAt: Date.now(),
    };
    this.changes.push(record);
    return record;
  }

  /** The SDK turns `connected` or `resumed` only once every joined room was re-joined. */
  private stateChanged(state: ConnectionState): void {
    if (state === 'reconnecting') this.lostAt ??= Date.now();
    if (!isLive(state)) return;
    this.connectMs ??= Date.now() - this.createdAt;
    if (this.lostAt !== null) this.reconnects.push(Date.now() - this.lostAt);
    this.lostAt = null;
  }
}

function errorCode(error: unknown): string {
  if (error instanceof ChatApiError) return error.code;
  if (error instanceof AckTimeoutError) return 'ACK_TIMEOUT';
  return 'CLIENT_ERROR';
}

/** The server's typed refusal (`err.data.code`) when it sent one, else a transport-level label. */
function connectErrorCode(error: Error & { data?: { code?: string } }): string {
  return error.data?.code ?? 'CONNECT_ERROR';
}
