import type { DirectoryQuery, NewMember, RoomChanges, RoomCounters, RoomRecord } from './room.record';

/** The port of the `rooms` collection (or table); the rooms library is its only writer. */
export abstract class RoomsRepository {
  /**
   * Stores a room with its first members (as one transaction where the store has them).
   * @returns false when a room with that id existed; its members are still completed, so a direct room
   *   whose first creation failed halfway is repaired by the next request.
   */
  abstract create(room: RoomRecord, members: NewMember[]): Promise<boolean>;
  abstract findById(id: string): Promise<RoomRecord | null>;
  abstract findByIds(ids: string[]): Promise<RoomRecord[]>;
  /** Public rooms, newest first; `limit + 1` rows so the caller knows whether a next page exists. */
  abstract listPublic(query: DirectoryQuery): Promise<RoomRecord[]>;
  abstract update(id: string, changes: RoomChanges): Promise<RoomRecord | null>;
  /** The room and its memberships. */
  abstract delete(id: string): Promise<void>;
  /**
   * Reserves `count` consecutive seqs and as many revs, atomically across every process; `at` becomes
   * the room's `lastActivityAt` (the same clock reading as the messages' `createdAt`).
   * @returns the room's new counters, or null when the room does not exist
   */
  abstract reserveSeqs(id: string, count: number, at: Date): Promise<RoomCounters | null>;
  /**
   * Reserves one rev (a change to a stored message), atomically across every process.
   * @returns the room's new lastRev, or null when the room does not exist
   */
  abstract reserveRev(id: string): Promise<number | null>;
}
