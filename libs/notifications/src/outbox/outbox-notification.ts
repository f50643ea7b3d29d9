import type { NotificationReason } from '@chat/contracts';

/**
 * One notification for one device, waiting in the outbox. It may stand for several messages of its
 * room (`count`): the first one's id names it, the latest one's fields are shown.
 */
export interface OutboxNotification {
  /** The idempotency key: `<first message id>:<subscription id>`; a redelivery carries the same. */
  id: string;
  subscriptionId: string;
  userId: string;
  roomId: string;
  /** The seqs it covers: `firstSeq..seq`. */
  firstSeq: number;
  seq: number;
  messageId: string;
  senderId: string;
  reason: NotificationReason;
  preview: string | null;
  count: number;
  /** When the first message was stored: delivery latency is measured from it. */
  createdAt: Date;
  /** Messages of the room join it until then. */
  mergeUntil: Date;
  /** When it is (next) to be sent; while leased, when the lease lapses. */
  dueAt: Date;
  attempts: number;
}

/** What became of a message's notification for one device. */
export type EnqueueOutcome = 'queued' | 'merged' | 'covered';

/** A mention outranks the room's level: a merged notification says why the most pressing message came. */
const RANK: Record<NotificationReason, number> = { mention: 3, direct: 2, room: 1, all: 0 };

export function strongerReason(a: NotificationReason, b: NotificationReason): NotificationReason {
  return RANK[b] > RANK[a] ? b : a;
}
