/**
 * Reserves `count` consecutive seqs in a room, atomically across every process (an `$inc` on the room's
 * counter). The rooms library, which owns the counter, provides it; this library only consumes it.
 */
export abstract class SeqAllocator {
  /** @returns the first seq reserved; throws NOT_FOUND when the room does not exist */
  abstract allocate(roomId: string, count: number): Promise<number>;
}
