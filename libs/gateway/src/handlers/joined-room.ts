import { Channels } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import type { ChatSocket } from '../chat-socket';

/**
 * The socket's Socket.IO rooms are the authorization cache for emits: `room:join` checked membership,
 * and a kick or leave removes the socket from the channel on every replica (`socketsLeave`).
 */
export function assertJoined(socket: ChatSocket, roomId: string): void {
  if (!socket.rooms.has(Channels.room(roomId))) throw AppError.forbidden('Join the room first');
}
