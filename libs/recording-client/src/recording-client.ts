import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import {
  isRetryableErrorCode,
  type Ack,
  type ClientToServerEvents,
  type Message,
  type ServerToClientEvents,
} from '@chat/contracts';
import { RoomSequencer } from '@chat/client-sdk';
import type { ReceiptRecord, SendRecord } from '@chat/delivery-checker';

type RawSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type JoinData = { room: { lastSeq: number }; missed: Message[]; hasMore: boolean };

export type Transport = 'websocket' | 'polling';

export interface RecordingClientOptions {
  baseUrl: string;
  /** A label for the delivery checker's findings. */
  clientId: string;
  userId: string;
  /** The access token, or where to read the current one on every (re)connect of a long run. */
  token: string | (() => string);
  /** A 127.0.0.x source address: behind `hash $remote_addr`, it picks this client's gateway. */
  localAddress?: string;
  /** @default ['websocket']; ['polling', 'websocket'] starts on long-polling and upgrades. */
  transports?: Transport[];
  /** How long one attempt waits for its ack before it is retried. @default 3000 */
  ackTimeoutMs?: number;
  /** Called for each message handed to the application, in order, once. */
  onDeliver?: (message: Message, at: number) => void;
  /** Called with the error code of every failed attempt, connect errors included. */
  onError?: (code: string) => void;
  /** Keep every receipt for the delivery checker. @default true */
  recordReceipts?: boolean;
}

export interface SendOptions {
  /** Give up after this long. @default 30000 */
  deadlineMs?: number;
  /**
   * When the send was meant to happen (ms since the epoch). A load generator that fell behind passes
   * its schedule here, so the wait shows up in the latency instead of being hidden.
   */
  intendedAt?: number;
}

/**
 * A chat client as the contract asks clients to behave, instrumented for the delivery checker: sends
 * with a clientMsgId and retries it until acked, orders each room's messages by seq (the client SDK's
 * sequencer), fills gaps with `room:join {sinceSeq}`, and resumes every room the same way after a
 * reconnect. Built on socket.io-client directly because the SDK cannot bind a source address.
 * The fault suite and the load kit both drive it.
 */
export class RecordingClient {
  readonly sends: SendRecord[] = [];
  readonly receipts: ReceiptRecord[] = [];
  /** How long each outage lasted, from disconnect until every room was resumed (ms). */
  readonly reconnects: number[] = [];
  /** From construction to the first live moment (ms), once connected. */
  connectMs: number | null = null;
  private readonly socket: RawSocket;
  private readonly rooms = new Map<string, RoomSequencer>();
  private readonly filling = new Set<string>();
  private readonly liveWatchers = new Set<(message: Message) => void>();
  private readonly createdAt = Date.now();
  private lostAt: number | null = null;
  private live = false;
  private closed = false;

  constructor(private readonly options: RecordingClientOptions) {
    this.socket = io(options.baseUrl, {
      auth: (callback: (data: object) => void) =>
        callback({ token: typeof options.token === 'function' ? options.token() : options.token }),
      transports: options.transports ?? ['websocket'],
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
      localAddress: options.localAddress,
    } as Parameters<typeof io>[1]);
    this.socket.on('connect', () => void this.resume());
    this.socket.on('connect_error', (error) => options.onError?.(connectErrorCode(error)));
    this.socket.on('disconnect', (reason) => this.lost(reason));
    this.socket.on('server:draining', ({ reconnectAfterMs }) => {
      this.socket.disconnect();
      this.lost('server:draining');
      this.reconnectAfter(reconnectAfterMs);
    });
    this.socket.on('message:new', (message) => {
      for (const watch of this.liveWatchers) watch(message);
      this.push(message);
    });
  }

  get id(): string {
    return this.options.clientId;
  }

  get userId(): string {
    return this.options.userId;
  }

  /** The Engine.IO transport in use: `polling` until an upgrade succeeds. */
  get transport(): string | undefined {
    return this.socket.io.engine?.transport?.name;
  }

  get connected(): boolean {
    return this.live;
  }

  /** Connects and resolves once live. */
  async open(timeoutMs = 10_000): Promise<void> {
    await this.waitLive(timeoutMs);
  }

  /** Joins a room from its current last seq (the join point); returns that seq. */
  async join(roomId: string): Promise<number> {
    const data = await this.request<JoinData>('room:join', { roomId });
    const sequencer = new RoomSequencer();
    this.rooms.set(roomId, sequencer);
    this.deliver(sequencer.base(data.room.lastSeq));
    return data.room.lastSeq;
  }

  /** One logical send: the same clientMsgId on every attempt until acked or the deadline passes. */
  async send(
    roomId: string,
    clientMsgId: string,
    body: string,
    options: SendOptions = {},
  ): Promise<SendRecord> {
    const sentAt = options.intendedAt ?? Date.now();
    const deadline = Date.now() + (options.deadlineMs ?? 30_000);
    let outcome: SendRecord['outcome'] = 'timeout';
    let message: Message | null = null;
    while (Date.now() < deadline && !this.closed) {
      if (!this.live) {
        await this.waitLive(1000).catch(() => undefined);
        continue;
      }
      const answer = await this.attempt<{ message: Message }>('message:send', { roomId, clientMsgId, body });
      if (answer === 'timeout') continue;
      if (answer.ok) {
        message = answer.data.message;
        outcome = 'acked';
        break;
      }
      if (!isRetryableErrorCode(answer.error.code)) {
        outcome = 'failed';
        break;
      }
      await sleep(answer.error.retryAfterMs ?? 200);
    }
    if (message) this.push(message);
    const record: SendRecord = {
      clientId: this.id,
      senderId: this.options.userId,
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

  /** The recovery the contract promises: page `room:join {sinceSeq}` until nothing more follows. */
  async recover(roomId: string): Promise<void> {
    await this.waitLive(15_000);
    const sequencer = this.rooms.get(roomId);
    if (!sequencer) return;
    for (;;) {
      const sinceSeq = sequencer.position ?? 0;
      const data = await this.request<JoinData>('room:join', { roomId, sinceSeq });
      this.deliver(sequencer.fill(sinceSeq, data.missed));
      if (!data.hasMore && !sequencer.hasGap) return;
      if (!data.hasMore && data.missed.length === 0) return;
    }
  }

  /**
   * When the first message matching `match` arrives live (a `message:new` event, not a `room:join`
   * catch-up); rejects after `timeoutMs`.
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
    this.closed = true;
    this.live = false;
    this.socket.disconnect();
  }

  private push(message: Message): void {
    const sequencer = this.rooms.get(message.roomId);
    if (!sequencer) return;
    this.deliver(sequencer.push(message));
    if (sequencer.hasGap) this.scheduleFill(message.roomId);
  }

  private deliver(messages: Message[]): void {
    const at = Date.now();
    for (const message of messages) {
      this.options.onDeliver?.(message, at);
      if (this.options.recordReceipts === false) continue;
      const { roomId, seq, id: messageId, senderId, clientMsgId } = message;
      this.receipts.push({ clientId: this.id, roomId, seq, messageId, senderId, clientMsgId, at });
    }
  }

  /** A gap that live events have not closed in 300 ms is asked for; the server's answer is authoritative. */
  private scheduleFill(roomId: string): void {
    if (this.filling.has(roomId)) return;
    this.filling.add(roomId);
    setTimeout(() => {
      this.filling.delete(roomId);
      if (this.live && this.rooms.get(roomId)?.hasGap)
        this.recover(roomId).catch(() => this.scheduleFill(roomId));
    }, 300).unref();
  }

  /** After every (re)connect: re-join each room with sinceSeq, then count the outage as over. */
  private async resume(): Promise<void> {
    try {
      for (const roomId of this.rooms.keys()) {
        const sequencer = this.rooms.get(roomId)!;
        const sinceSeq = sequencer.position ?? 0;
        const data = await this.request<JoinData>('room:join', { roomId, sinceSeq });
        this.deliver(sequencer.fill(sinceSeq, data.missed));
        if (data.hasMore) this.scheduleFill(roomId);
      }
    } catch {
      // The socket went away again mid-resume: the next connect resumes. A join refused or unanswered on
      // a live socket (a gateway busy with a storm of them) is tried again, as a real client would.
      if (this.socket.connected && !this.closed) setTimeout(() => void this.resume(), 250).unref();
      return;
    }
    if (!this.socket.connected) return;
    this.live = true;
    this.connectMs ??= Date.now() - this.createdAt;
    if (this.lostAt !== null) this.reconnects.push(Date.now() - this.lostAt);
    this.lostAt = null;
  }

  private lost(reason: string): void {
    this.live = false;
    if (this.closed) return;
    this.lostAt ??= Date.now();
    // Socket.IO does not reconnect by itself after the server closed the socket (a drain).
    if (reason === 'io server disconnect') this.reconnectAfter(500);
  }

  private reconnectAfter(ms: number): void {
    setTimeout(() => {
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, ms).unref();
  }

  private async waitLive(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.live) {
      if (this.closed) throw new Error(`${this.id} is closed`);
      if (Date.now() > deadline) throw new Error(`${this.id} is not connected after ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  private async attempt<T>(event: string, payload: unknown): Promise<Ack<T> | 'timeout'> {
    try {
      const emitter = this.socket.timeout(this.options.ackTimeoutMs ?? 3000) as unknown as {
        emitWithAck(event: string, payload: unknown): Promise<Ack<T>>;
      };
      const answer = await emitter.emitWithAck(event, payload);
      if (!answer.ok) this.options.onError?.(answer.error.code);
      return answer;
    } catch {
      this.options.onError?.('ACK_TIMEOUT');
      return 'timeout';
    }
  }

  private async request<T>(event: string, payload: unknown): Promise<T> {
    const answer = await this.attempt<T>(event, payload);
    if (answer === 'timeout') throw new Error(`${this.id}: no ack for ${event}`);
    if (!answer.ok) throw new Error(`${this.id}: ${event} failed: ${answer.error.code}`);
    return answer.data;
  }
}

/** The server's typed refusal (`err.data.code`) when it sent one, else a transport-level label. */
function connectErrorCode(error: Error & { data?: { code?: string } }): string {
  return error.data?.code ?? 'CONNECT_ERROR';
}
