/** How one logical send ended, after all of its retries (each with the same clientMsgId). */
export type SendOutcome = 'acked' | 'failed' | 'timeout';

/** One logical send, as the sending client saw it. */
export interface SendRecord {
  /** Which client (socket owner) sent it: a label of the harness, not a user id. */
  clientId: string;
  senderId: string;
  roomId: string;
  clientMsgId: string;
  outcome: SendOutcome;
  /** The stored message's id and seq, when the send was acked. */
  messageId?: string | null;
  seq?: number | null;
  /** When the first attempt went out and when the send settled (ms since the epoch). */
  sentAt: number;
  settledAt: number;
}

/**
 * One message handed to a client's application, in the order the client delivered it (after its own
 * ordering by seq and gap filling). Raw socket events may arrive out of order; the log must not be them.
 */
export interface ReceiptRecord {
  clientId: string;
  roomId: string;
  seq: number;
  messageId: string;
  senderId: string;
  clientMsgId: string;
  at: number;
}

/** A message as read back from the store (history over HTTP, or the collection directly). */
export interface StoredMessage {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  clientMsgId: string;
}

/** A member expects every stored message of the room with `seq > fromSeq`: its join point. */
export interface MemberJoin {
  clientId: string;
  roomId: string;
  fromSeq: number;
}

export interface DeliveryInput {
  sends: SendRecord[];
  receipts: ReceiptRecord[];
  history: StoredMessage[];
  members: MemberJoin[];
}
