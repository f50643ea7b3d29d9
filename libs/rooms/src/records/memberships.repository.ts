import type { NotificationLevel } from '@chat/contracts';
import type { RoomRole } from '@chat/contracts';
import type { MembershipRecord, NewMember } from './room.record';

/**
 * The port of the `memberships` collection (or table); the rooms library is its only writer. Adding and
 * removing a member also moves the room's member count, exactly once per change.
 */
export abstract class MembershipsRepository {
  /** @returns the new membership, or null when the user is a member already */
  abstract add(roomId: string, member: NewMember): Promise<MembershipRecord | null>;
  /** @returns true when the membership is gone now and this call may have removed it */
  abstract remove(roomId: string, userId: string): Promise<boolean>;
  abstract find(roomId: string, userId: string): Promise<MembershipRecord | null>;
  abstract listByUser(userId: string): Promise<MembershipRecord[]>;
  /** Room ids by user, for many users in one query. */
  abstract roomIdsByUsers(userIds: string[]): Promise<Map<string, string[]>>;
  /** Paged by membership id; `limit + 1` rows. */
  abstract listByRoom(
    roomId: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<MembershipRecord[]>;
  abstract userIdsOfRoom(roomId: string): Promise<string[]>;
  /** The members who chose this notification level in the room (those on the default are not). */
  abstract withLevel(roomId: string, level: NotificationLevel): Promise<MembershipRecord[]>;
  abstract setRole(roomId: string, userId: string, role: RoomRole): Promise<void>;
  /** Moves the marker forward only; concurrent marks settle on the highest. */
  abstract advanceRead(roomId: string, userId: string, seq: number): Promise<void>;
  /** @returns false when there is no such membership */
  abstract setNotificationLevel(roomId: string, userId: string, level: NotificationLevel): Promise<boolean>;
}
