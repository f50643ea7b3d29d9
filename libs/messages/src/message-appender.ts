import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Message } from '@chat/contracts';
import { KeyValueStore } from '@chat/platform/engine';
import { AppError } from '@chat/platform/errors';
import type { AppendRequest, AppendResult } from './append.types';
import { toMessage } from './message.mapper';
import { messageIdFor } from './message-id';
import type { MessageDraft } from './message.record';
import { MESSAGES_OPTIONS, type MessagesOptions } from './messages.options';
import { MessagesRepository } from './messages.repository';

interface Pending {
  request: AppendRequest;
  key: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = AppendResult | AppError;

/**
 * Appends messages durably, in order, exactly once.
 *
 * Group commit: appends to one room queue up while that room's previous batch is being written (or for
 * `groupCommitMs` when it is idle) and are then written together as one batch (on MongoDB one `$inc` by k
 * and one `insertMany`; on SQLite one transaction, itself committed with every other pending write).
 * Every promise settles only after its message is stored.
 *
 * Idempotency on `(senderId, clientMsgId)`: the cache (Redis) answers repeats fast; the derived `_id`
 * makes a second copy impossible at insert time, even when two gateways race or the cache forgot.
 */
@Injectable()
export class MessageAppender {
  private readonly logger = new Logger(MessageAppender.name);
  private readonly queues = new Map<string, Pending[]>();
  private readonly busyRooms = new Set<string>();

  constructor(
    private readonly repository: MessagesRepository,
    private readonly cache: KeyValueStore,
    @Inject(MESSAGES_OPTIONS) private readonly options: MessagesOptions,
  ) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const key = messageIdFor(request.senderId, request.clientMsgId);
      const queue = this.queues.get(request.roomId) ?? [];
      queue.push({ request, key, resolve, reject });
      this.queues.set(request.roomId, queue);
      this.schedule(request.roomId, this.options.groupCommitMs);
    });
  }

  private schedule(roomId: string, delayMs: number): void {
    if (this.busyRooms.has(roomId)) return;
    this.busyRooms.add(roomId);
    setTimeout(() => void this.drain(roomId), delayMs);
  }

  private async drain(roomId: string): Promise<void> {
    for (;;) {
      const queue = this.queues.get(roomId);
      if (!queue || queue.length === 0) break;
      const batch = queue.splice(0, this.options.maxBatch);
      if (queue.length === 0) this.queues.delete(roomId);
      await this.writeBatch(roomId, batch);
    }
    this.busyRooms.delete(roomId);
    if (this.queues.has(roomId)) this.schedule(roomId, 0);
  }

  /**
   * Repeats the cache remembers are answered from it; the rest go to the store in one batch, which
   * stores each draft once (see MessagesRepository.appendBatch). A store failure other than a domain error
   * answers UNAVAILABLE: the client retries with the same clientMsgId, which is safe.
   */
  private async writeBatch(roomId: string, batch: Pending[]): Promise<void> {
    const byKey = new Map<string, Pending[]>();
    for (const pending of batch) byKey.set(pending.key, [...(byKey.get(pending.key) ?? []), pending]);
    try {
      const outcomes = await this.resolveCached(roomId, [...byKey.keys()]);
      const fresh = [...byKey.entries()]
        .filter(([key]) => !outcomes.has(key))
        .map(([, group]) => group[0].request);
      for (const [key, outcome] of await this.storeNew(roomId, fresh)) outcomes.set(key, outcome);
      for (const [key, group] of byKey) this.settle(group, outcomes.get(key)!);
    } catch (error) {
      if (!(error instanceof AppError)) this.logger.error(`batch in room ${roomId} failed: ${String(error)}`);
      const failure =
        error instanceof AppError
          ? error
          : new AppError('UNAVAILABLE', 'Message store unavailable; retry with the same clientMsgId');
      for (const pending of batch) pending.reject(failure);
    }
  }

  /** Repeats settle with the first outcome; the first of a group is new only if the store had nothing. */
  private settle(group: Pending[], outcome: Outcome): void {
    group.forEach((pending, index) => {
      if (outcome instanceof AppError) pending.reject(outcome);
      else pending.resolve(index === 0 ? outcome : { message: outcome.message, duplicate: true });
    });
  }

  /** Repeats the cache remembers (the fast path); the store's unique id is the backstop. */
  private async resolveCached(roomId: string, keys: string[]): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const cached = await Promise.all(keys.map((key) => this.cache.get(this.cacheKey(key)).catch(() => null)));
    keys.forEach((key, index) => {
      if (cached[index]) outcomes.set(key, this.asDuplicate(roomId, JSON.parse(cached[index]) as Message));
    });
    return outcomes;
  }

  private async storeNew(roomId: string, requests: AppendRequest[]): Promise<Map<string, Outcome>> {
    if (requests.length === 0) return new Map();
    const createdAt = new Date();
    const drafts: MessageDraft[] = requests.map((request) => ({
      id: messageIdFor(request.senderId, request.clientMsgId),
      roomId,
      senderId: request.senderId,
      clientMsgId: request.clientMsgId,
      body: request.body,
      attachments: request.attachments ?? [],
      mentions: request.mentions ?? [],
      createdAt,
    }));
    const outcomes = new Map<string, Outcome>();
    const stored: Message[] = [];
    for (const [key, { record, ours }] of await this.repository.appendBatch(roomId, drafts)) {
      const message = toMessage(record);
      outcomes.set(key, ours ? { message, duplicate: false } : this.asDuplicate(roomId, message));
      stored.push(message);
    }
    // All at once, not one round trip after another: on Redis a batch of k used to wait k round trips
    // before its acks. The acks still wait for them, so a prompt retry finds its answer in the cache.
    await Promise.all(stored.map((message) => this.remember(message)));
    return outcomes;
  }

  private asDuplicate(roomId: string, message: Message): Outcome {
    if (message.roomId !== roomId) return AppError.conflict('clientMsgId was already used in another room');
    return { message, duplicate: true };
  }

  private async remember(message: Message): Promise<void> {
    const key = this.cacheKey(message.id);
    // The cache only speeds repeats up; the store stays the authority when it is unreachable.
    await this.cache
      .set(key, JSON.stringify(message), this.options.idempotencyTtlMs, { evictable: true })
      .catch(() => undefined);
  }

  private cacheKey(messageId: string): string {
    return `idem:msg:${messageId}`;
  }
}
