import type { Message } from '@chat/contracts';

export interface AppendRequest {
  roomId: string;
  senderId: string;
  clientMsgId: string;
  /** Already validated and trimmed. */
  body: string;
}

export interface AppendResult {
  message: Message;
  /** True when `(senderId, clientMsgId)` was stored before: nothing new was stored, nothing is to be broadcast. */
  duplicate: boolean;
}
