/** The first seq and the first rev of a reservation; a batch of k messages takes k of each. */
export interface Reservation {
  firstSeq: number;
  firstRev: number;
}

/**
 * Reserves seqs (message numbers) and revs (change numbers) in a room, atomically across every process
 * (an `$inc` on the room's counters). The rooms library, which owns the counters, provides it; this
 * library only consumes it.
 */
export abstract class SeqAllocator {
  /**
   * `count` consecutive seqs and as many revs, for new messages.
   * @param at becomes the room's last activity: the same clock reading as the messages' `createdAt`
   * @throws NOT_FOUND when the room does not exist
   */
  abstract allocate(roomId: string, count: number, at: Date): Promise<Reservation>;
  /** One rev, for a change to a stored message. @throws NOT_FOUND when the room does not exist */
  abstract allocateRev(roomId: string): Promise<number>;
}

/**
 * The same, inside the caller's SQLite write transaction, so that a write and the counters it advanced
 * commit together (the single process's adapter). Throws NOT_FOUND when the room does not exist.
 */
export abstract class SeqAllocatorInTransaction {
  abstract allocateNow(roomId: string, count: number, at: Date): Reservation;
  abstract allocateRevNow(roomId: string): number;
}
