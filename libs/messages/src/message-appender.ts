import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Message } from '@chat/contracts';
import { AppError, isTransientStoreError, KeyValueStore } from '@chat/platform';
import type { AppendRequest, AppendResult } from './append.types';
import { toMessage } from './message.mapper';
import { messageIdFor } from './message-id';
import type { MessageRecord } from './message.schema';
import { MESSAGES_OPTIONS, type MessagesOptions } from './messages.options';
import { MessagesRepository } from './messages.repository';
import { SeqAllocator } from './seq-allocator';

interface Pending {
  request: AppendRequest;
  key: string;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = AppendResult | AppError;

const INSERT_ATTEMPTS = 3;
const BATCH_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Appends messages durably, in order, exactly once.
 *
 * Group commit: appends to one room queue up while that room's previous batch is being written (or for
 * `groupCommitMs` when it is idle) and are then written together: one `$inc` by k reserves k seqs, one
 * `insertMany` stores them. Every promise settles only after its message is stored.
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
    private readonly allocator: SeqAllocator,
    private readonly cache: KeyValueStore,
    @Inject(MESSAGES_OPTIONS) private readonly options: MessagesOptions,
  ) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const key = messageIdFor(request.senderId, request.clientMsgId).toHexString();
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
   * A transient store failure (a dropped connection, a cleared pool) retries the whole batch: every step
   * is idempotent on the derived `_id`, and the seqs each attempt reserved are remembered, so a message
   * stored by an earlier attempt is still recognised as this batch's own (acked and broadcast once).
   */
  private async writeBatch(roomId: string, batch: Pending[]): Promise<void> {
    const byKey = new Map<string, Pending[]>();
    for (const pending of batch) byKey.set(pending.key, [...(byKey.get(pending.key) ?? []), pending]);
    const reserved = new Map<string, Set<number>>();
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.resolveCached(roomId, [...byKey.keys()]);
        const fresh = [...byKey.entries()]
          .filter(([key]) => !outcomes.has(key))
          .map(([, group]) => group[0].request);
        for (const [key, outcome] of await this.storeNew(roomId, fresh, reserved)) outcomes.set(key, outcome);
        for (const [key, group] of byKey) this.settle(group, outcomes.get(key)!);
        return;
      } catch (error) {
        if (!(error instanceof AppError) && isTransientStoreError(error) && attempt < BATCH_ATTEMPTS) {
          this.logger.warn(`batch in room ${roomId} failed (${String(error)}); retrying`);
          await sleep(50 * attempt);
          continue;
        }
        if (!(error instanceof AppError))
          this.logger.error(`batch in room ${roomId} failed: ${String(error)}`);
        const failure =
          error instanceof AppError
            ? error
            : new AppError('UNAVAILABLE', 'Message store unavailable; retry with the same clientMsgId');
        for (const pending of batch) pending.reject(failure);
        return;
      }
    }
  }

  /** Repeats settle with the first outcome; the first of a group is new only if the store had nothing. */
  private settle(group: Pending[], outcome: Outcome): void {
    group.forEach((pending, index) => {
      if (outcome instanceof AppError) pending.reject(outcome);
      else pending.resolve(index === 0 ? outcome : { message: outcome.message, duplicate: true });
    });
  }

  /**
   * Repeats the cache remembers (the fast path). The store is not asked beforehand: the derived `_id`
   * refuses a second copy at insert time (the backstop), and insertReconciled reads the original back.
   * A repeat the cache had forgotten therefore leaves its reserved seq empty, which the contract allows
   * for a write that failed inside the server; the common case costs no extra round trip.
   */
  private async resolveCached(roomId: string, keys: string[]): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const cached = await Promise.all(keys.map((key) => this.cache.get(this.cacheKey(key)).catch(() => null)));
    keys.forEach((key, index) => {
      if (cached[index]) outcomes.set(key, this.asDuplicate(roomId, JSON.parse(cached[index]) as Message));
    });
    return outcomes;
  }

  private async storeNew(
    roomId: string,
    requests: AppendRequest[],
    reserved: Map<string, Set<number>>,
  ): Promise<Map<string, Outcome>> {
    if (requests.length === 0) return new Map();
    const firstSeq = await this.allocator.allocate(roomId, requests.length);
    const createdAt = new Date();
    const records: MessageRecord[] = requests.map((request, index) => ({
      _id: messageIdFor(request.senderId, request.clientMsgId),
      roomId,
      seq: firstSeq + index,
      senderId: request.senderId,
      clientMsgId: request.clientMsgId,
      body: request.body,
      createdAt,
      editedAt: null,
      deleted: false,
      reactions: [],
    }));
    for (const record of records) {
      const key = record._id.toHexString();
      reserved.set(key, (reserved.get(key) ?? new Set<number>()).add(record.seq));
    }
    const outcomes = new Map<string, Outcome>();
    const stored: Message[] = [];
    for (const [key, { record, ours }] of await this.insertReconciled(records, reserved)) {
      const message = toMessage(record);
      outcomes.set(key, ours ? { message, duplicate: false } : this.asDuplicate(roomId, message));
      stored.push(message);
    }
    // All at once, not one round trip after another: on Redis a batch of k used to wait k round trips
    // before its acks. The acks still wait for them, so a prompt retry finds its answer in the cache.
    await Promise.all(stored.map((message) => this.remember(message)));
    return outcomes;
  }

  /**
   * Inserts, and after any failure reads back what is there: a record with a seq this batch reserved is
   * ours (the insert landed even if its answer was lost); one with another seq lost a race with a
   * concurrent send of the same clientMsgId, whose seq then stays empty; a missing one is retried.
   */
  private async insertReconciled(
    records: MessageRecord[],
    reserved: Map<string, Set<number>>,
  ): Promise<Map<string, { record: MessageRecord; ours: boolean }>> {
    const settled = new Map<string, { record: MessageRecord; ours: boolean }>();
    let remaining = records;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.repository.insertMany(remaining);
        for (const record of remaining) settled.set(record._id.toHexString(), { record, ours: true });
        return settled;
      } catch (error) {
        const found = new Map(
          (await this.repository.findByIds(remaining.map((r) => r._id))).map((r) => [r._id.toHexString(), r]),
        );
        const missing: MessageRecord[] = [];
        for (const record of remaining) {
          const stored = found.get(record._id.toHexString());
          if (!stored) missing.push(record);
          else
            settled.set(record._id.toHexString(), {
              record: stored,
              ours:
                stored.roomId === record.roomId &&
                (reserved.get(record._id.toHexString())?.has(stored.seq) ?? false),
            });
        }
        if (missing.length === 0) return settled;
        if (attempt >= INSERT_ATTEMPTS) throw error;
        remaining = missing;
        await sleep(20 * attempt);
      }
    }
  }

  private asDuplicate(roomId: string, message: Message): Outcome {
    if (message.roomId !== roomId) return AppError.conflict('clientMsgId was already used in another room');
    return { message, duplicate: true };
  }

  private async remember(message: Message): Promise<void> {
    const key = this.cacheKey(message.id);
    // The cache only speeds repeats up; the store stays the authority when it is unreachable.
    await this.cache.set(key, JSON.stringify(message), this.options.idempotencyTtlMs).catch(() => undefined);
  }

  private cacheKey(messageId: string): string {
    return `idem:msg:${messageId}`;
  }
}
