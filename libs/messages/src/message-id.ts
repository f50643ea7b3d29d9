import { idFromKey } from '@chat/platform/ids';

/** The natural key of a message: one sender never stores the same clientMsgId twice. */
export function messageIdFor(senderId: string, clientMsgId: string): string {
  return idFromKey(`message:${senderId}:${clientMsgId}`);
}
