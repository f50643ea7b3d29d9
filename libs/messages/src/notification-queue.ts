import type { MessageRecord } from './message.record';

/**
 * Messages whose notifications are still to be derived. Every message is stored marked (the same write
 * that stores it), and the mark is cleared only after the notifications library has queued what the
 * message causes: a crash in between derives them again, never loses them.
 */
export abstract class NotificationQueue {
  /**
   * Leases up to `limit` marked messages (oldest first, by room and seq within a room). A lease lapses
   * after `leaseMs`, so the messages of a worker that died come back to another one.
   */
  abstract lease(limit: number, leaseMs: number, now: Date): Promise<MessageRecord[]>;
  /** Clears the marks: these messages are never leased again. */
  abstract settle(ids: string[]): Promise<void>;
}

/** Whether appends mark messages for the queue (MessagesStorageModule's option). */
export const MARK_FOR_NOTIFICATIONS = Symbol('MARK_FOR_NOTIFICATIONS');

/** In the order a room's notifications must be derived: by room, then by seq. */
export function byRoomThenSeq(a: MessageRecord, b: MessageRecord): number {
  return a.roomId === b.roomId ? a.seq - b.seq : a.roomId < b.roomId ? -1 : 1;
}
