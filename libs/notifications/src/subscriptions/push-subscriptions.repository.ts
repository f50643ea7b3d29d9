import type { PushSubscriptionRecord } from './push-subscription.record';

/** The port of the `push_subscriptions` collection (or table); the notifications library is its only writer. */
export abstract class PushSubscriptionsRepository {
  /**
   * Stores the device for this user; a device already stored (for this user or another, who signed out
   * on it) is moved to this user. Refused when the user would hold more than `maxPerUser` devices.
   * @returns the stored record, or null when over the limit
   */
  abstract put(record: PushSubscriptionRecord, maxPerUser: number): Promise<PushSubscriptionRecord | null>;
  abstract findById(id: string): Promise<PushSubscriptionRecord | null>;
  abstract listByUser(userId: string): Promise<PushSubscriptionRecord[]>;
  /** With `userId`, only that user's. @returns whether it was removed */
  abstract remove(id: string, userId?: string): Promise<boolean>;
}
