/**
 * Reserves `count` consecutive seqs in a room, atomically across every process (an `$inc` on the room's
 * counter). The rooms library, which owns the counter, provides it; this library only consumes it.
 */
export abstract class SeqAllocator {
  /**
   * @param at becomes the room's last activity: the same clock reading as the messages' `createdAt`
   * @returns the first seq reserved; throws NOT_FOUND when the room does not exist
   */
  abstract allocate(roomId: string, count: number, at: Date): Promise<number>;
}

/**
 * The same, inside the caller's SQLite write transaction, so that a batch and the counter it advanced
 * commit together (the single process's adapter). Throws NOT_FOUND when the room does not exist.
 */
export abstract class SeqAllocatorInTransaction {
  abstract allocateNow(roomId: string, count: number, at: Date): number;
}
