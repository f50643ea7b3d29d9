import type { Types } from 'mongoose';
import { objectIdFromKey } from '@chat/platform';

/** The natural key of a message: one sender never stores the same clientMsgId twice. */
export function messageIdFor(senderId: string, clientMsgId: string): Types.ObjectId {
  return objectIdFromKey(`message:${senderId}:${clientMsgId}`);
}
