import { newId } from '@chat/platform/ids';
import { bareRoomRecord, type RoomsRepository } from '@chat/rooms';

/** A public room with no members, stored straight through the rooms port (storage tests). */
export async function createBareRoom(rooms: RoomsRepository): Promise<string> {
  const id = newId();
  await rooms.create(bareRoomRecord(id), []);
  return id;
}
