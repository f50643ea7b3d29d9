import type { EnqueueOutcome, OutboxNotification } from './outbox-notification';

/**
 * The port of the `notification_outbox` collection (or table). Notifications wait here until a push
 * service took them, so a crash loses none; each is leased by one worker at a time.
 */
export abstract class NotificationOutbox {
  /**
   * Queues the notification, or merges it into the device's notification of that room while its window
   * is open. A message already counted (a crash re-derived it) changes nothing: `covered`.
   */
  abstract enqueue(notification: OutboxNotification, now: Date): Promise<EnqueueOutcome>;
  /** Due notifications, oldest first, leased until `now + leaseMs`. */
  abstract lease(limit: number, leaseMs: number, now: Date): Promise<OutboxNotification[]>;
  /** Sent, or given up: gone from the outbox. */
  abstract remove(id: string): Promise<void>;
  /** Failed for now: due again at `dueAt`, the lease released. */
  abstract reschedule(id: string, dueAt: Date, attempts: number): Promise<void>;
}
