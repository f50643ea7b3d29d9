import type { Room, Session } from '@chat/contracts';
import type { ChatApi } from '@chat/client-sdk';
import { mapBounded } from './bounded';
import { politely } from './polite-retry';

export interface PlannedRoom {
  room: Room;
  /** Indexes into the session list; the first is the owner. */
  members: number[];
}

/**
 * Creates one public room per planned group, owned by its first user, and joins the others over
 * HTTP, so every member is in the room before any socket joins it.
 */
export async function prepareRooms(
  apiFor: (session: Session) => ChatApi,
  sessions: Session[],
  assignment: number[],
  runTag: string,
  concurrency: number,
  onWait: (code: string, ms: number) => void,
): Promise<PlannedRoom[]> {
  const groups = new Map<number, number[]>();
  assignment.forEach((room, user) => groups.set(room, [...(groups.get(room) ?? []), user]));
  const planned = await mapBounded([...groups.values()], concurrency, async (members, index) => {
    const owner = apiFor(sessions[members[0]]);
    const room = await politely(
      () => owner.createRoom({ name: `load ${runTag} ${index + 1}`, visibility: 'public' }),
      onWait,
    );
    return { room, members };
  });
  const joins = planned.flatMap(({ room, members }) => members.slice(1).map((user) => ({ room, user })));
  await mapBounded(joins, concurrency, ({ room, user }) =>
    politely(() => apiFor(sessions[user]).joinRoom(room.id), onWait),
  );
  return planned;
}
