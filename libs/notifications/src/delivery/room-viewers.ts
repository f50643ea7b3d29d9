/**
 * Who is looking at a room, on every replica: the gateway answers from its Socket.IO server (through the
 * adapter) and from when sockets left the room, so every replica applies the same rule.
 */
export abstract class RoomViewers {
  /**
   * Those of `userIds` who have a socket joined to the room now, or had one at `since` (they left after
   * it): they saw what was sent then, live.
   */
  abstract present(roomId: string, userIds: string[], since: Date): Promise<Set<string>>;
}
