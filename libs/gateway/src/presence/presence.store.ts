import type { PresenceEntry } from '@chat/contracts';

/**
 * Presence as leases: each socket holds a lease that its replica renews by heartbeat. A user is online
 * while any lease is unexpired, so a replica that dies without a goodbye lets its users' leases lapse
 * instead of leaving a counter stuck high.
 */
export abstract class PresenceStore {
  /** @returns true when the user had no live lease before (they just came online) */
  abstract connect(userId: string, socketId: string, expiresAt: number, now: number): Promise<boolean>;
  /** The user's sockets holding an unexpired lease, on every replica. */
  abstract liveSockets(userId: string, now: number): Promise<number>;
  abstract renew(leases: { userId: string; socketId: string }[], expiresAt: number): Promise<void>;
  /** @returns true when that was the user's last live lease (they just went offline) */
  abstract disconnect(userId: string, socketId: string, now: number): Promise<boolean>;
  /** Claims users whose every lease has expired; each is returned by exactly one caller. */
  abstract sweep(now: number): Promise<string[]>;
  abstract status(userIds: string[], now: number): Promise<PresenceEntry[]>;
}
