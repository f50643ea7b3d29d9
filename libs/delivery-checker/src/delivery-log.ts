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
  /** The message's latest rev, whether it is deleted, and its state's digest: needed only to check changes. */
  rev?: number;
  deleted?: boolean;
  digest?: string;
}

export type ChangeKind = 'edit' | 'delete' | 'react' | 'unreact';

/** One change to a message (an edit, a deletion, a reaction added or removed), as its client saw it. */
export interface ChangeRecord {
  clientId: string;
  roomId: string;
  messageId: string;
  kind: ChangeKind;
  outcome: SendOutcome;
  /** The rev the server gave the change, when acked; a deletion's ack carries none (PROTOCOL.md). */
  rev: number | null;
  sentAt: number;
  settledAt: number;
}

/**
 * A client's final state of one message, after the run and its recovery: the latest rev it holds and
 * the digest of what that version says. Equal rev and digest to the store's means every change arrived.
 */
export interface StateRecord {
  clientId: string;
  roomId: string;
  messageId: string;
  rev: number;
  digest: string;
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
  /** With changes in the traffic: every change sent, and every client's final state of each message. */
  changes?: ChangeRecord[];
  states?: StateRecord[];
}
