import type { ChatSocket } from '../chat-socket';

const ROOM_CHANNEL_PREFIX = 'room:';

/** The room ids whose channel the socket is in (its user and session channels are not rooms). */
export function joinedRoomIds(socket: ChatSocket): string[] {
  return [...socket.rooms]
    .filter((name) => name.startsWith(ROOM_CHANNEL_PREFIX))
    .map((name) => name.slice(ROOM_CHANNEL_PREFIX.length));
}
