import { newId } from '@chat/platform/ids';
import type { RoomsRepository } from '@chat/rooms';

/** A public room with no members, stored straight through the rooms port (storage tests). */
export async function createBareRoom(rooms: RoomsRepository): Promise<string> {
  const now = new Date();
  const id = newId();
  await rooms.create(
    {
      id,
      kind: 'room',
      name: 'r',
      nameLower: 'r',
      topic: '',
      visibility: 'public',
      ownerId: 'o',
      memberIds: [],
      memberCount: 0,
      lastSeq: 0,
      createdAt: now,
      lastActivityAt: now,
    },
    [],
  );
  return id;
}
