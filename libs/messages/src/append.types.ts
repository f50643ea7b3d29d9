import type { Attachment, Message } from '@chat/contracts';

export interface AppendRequest {
  roomId: string;
  senderId: string;
  clientMsgId: string;
  /** Already validated and trimmed; may be empty when attachments are given. */
  body: string;
  /** Already claimed for this message by the attachments library. */
  attachments?: Attachment[];
  /** Member ids the body names, resolved by the rooms library. */
  mentions?: string[];
}

export interface AppendResult {
  message: Message;
  /** True when `(senderId, clientMsgId)` was stored before: nothing new was stored, nothing is to be broadcast. */
  duplicate: boolean;
}
