import { checkChanges } from './change-checker';
import type { DeliveryInput, ReceiptRecord, SendRecord, StoredMessage } from './delivery-log';
import { BUCKETS, isPassing, type BucketName, type DeliveryReport, type Finding } from './delivery-report';

/** A send is identified by who sent it and its clientMsgId: the idempotency key of the contract. */
const sendKey = (senderId: string, clientMsgId: string) => `${senderId}:${clientMsgId}`;

/**
 * Sorts every send, change, receipt and stored message of a run into the buckets lost, lostChanges,
 * duplicated, reordered, unexpected and recovered. Pure: the caller collects the logs and reads the history back first.
 */
export function checkDelivery(input: DeliveryInput): DeliveryReport {
  const buckets = Object.fromEntries(BUCKETS.map((bucket) => [bucket, [] as Finding[]])) as Record<
    BucketName,
    Finding[]
  >;
  const stored = indexHistory(input.history, buckets.duplicated);
  checkSends(input.sends, stored.byKey, buckets);
  checkSenderOrder(input.sends, stored.byKey, buckets.reordered);
  checkStoredWereSent(input.history, input.sends, buckets.unexpected);
  checkReceipts(input, stored, buckets);
  checkChanges(input, buckets.lostChanges);
  const counts = Object.fromEntries(BUCKETS.map((bucket) => [bucket, buckets[bucket].length])) as Record<
    BucketName,
    number
  >;
  return {
    ok: isPassing(counts),
    counts,
    totals: {
      sends: input.sends.length,
      acked: input.sends.filter((send) => send.outcome === 'acked').length,
      stored: input.history.length,
      receipts: input.receipts.length,
      members: input.members.length,
      changes: input.changes?.length ?? 0,
      changesAcked: input.changes?.filter((change) => change.outcome === 'acked').length ?? 0,
    },
    buckets,
  };
}

interface StoreIndex {
  byKey: Map<string, StoredMessage>;
  /** roomId → stored seqs. */
  seqs: Map<string, Set<number>>;
  ids: Set<string>;
}

/** Indexes the history, reporting any key, seq or id stored twice. */
function indexHistory(history: StoredMessage[], duplicated: Finding[]): StoreIndex {
  const index: StoreIndex = { byKey: new Map(), seqs: new Map(), ids: new Set() };
  for (const message of history) {
    const key = sendKey(message.senderId, message.clientMsgId);
    const seqs = index.seqs.get(message.roomId) ?? new Set<number>();
    index.seqs.set(message.roomId, seqs);
    const twice = index.byKey.has(key)
      ? `clientMsgId ${message.clientMsgId} of ${message.senderId}`
      : seqs.has(message.seq)
        ? `seq ${message.seq}`
        : index.ids.has(message.id)
          ? `id ${message.id}`
          : null;
    if (twice)
      duplicated.push({ ...fromStored(message), kind: 'stored-twice', detail: `${twice} stored twice` });
    index.byKey.set(key, message);
    seqs.add(message.seq);
    index.ids.add(message.id);
  }
  return index;
}

/** Acked sends must be stored; sends given up on that were stored anyway are "recovered". */
function checkSends(
  sends: SendRecord[],
  byKey: Map<string, StoredMessage>,
  buckets: Record<BucketName, Finding[]>,
): void {
  for (const send of sends) {
    const message = byKey.get(sendKey(send.senderId, send.clientMsgId));
    const base = { roomId: send.roomId, clientId: send.clientId, clientMsgId: send.clientMsgId };
    if (send.outcome === 'acked' && !message) {
      buckets.lost.push({
        ...base,
        seq: send.seq ?? undefined,
        kind: 'acked-not-stored',
        detail: 'acked, not in history',
      });
    } else if (send.outcome !== 'acked' && message) {
      buckets.recovered.push({
        ...base,
        seq: message.seq,
        messageId: message.id,
        kind: 'stored-after-timeout',
        detail: `${send.outcome}, yet stored`,
      });
    }
  }
}

/**
 * A sender that waited for one ack before sending the next must see its messages stored in that
 * order: a later send with a lower seq is a reordering by the server.
 */
function checkSenderOrder(
  sends: SendRecord[],
  byKey: Map<string, StoredMessage>,
  reordered: Finding[],
): void {
  const bySender = groupBy(
    sends.filter((send) => send.outcome === 'acked'),
    (send) => `${send.clientId}|${send.roomId}`,
  );
  for (const group of bySender.values()) {
    const ordered = [...group].sort((a, b) => a.sentAt - b.sentAt);
    let previous: { settledAt: number; seq: number } | null = null;
    for (const send of ordered) {
      const message = byKey.get(sendKey(send.senderId, send.clientMsgId));
      if (!message) continue;
      if (previous && send.sentAt >= previous.settledAt && message.seq < previous.seq) {
        reordered.push({
          ...fromStored(message),
          clientId: send.clientId,
          kind: 'sender-order',
          detail: `sent after seq ${previous.seq} was acked, stored as seq ${message.seq}`,
        });
      }
      if (!previous || message.seq > previous.seq) previous = { settledAt: send.settledAt, seq: message.seq };
    }
  }
}

function checkStoredWereSent(history: StoredMessage[], sends: SendRecord[], unexpected: Finding[]): void {
  const sent = new Set(sends.map((send) => sendKey(send.senderId, send.clientMsgId)));
  for (const message of history) {
    if (!sent.has(sendKey(message.senderId, message.clientMsgId))) {
      unexpected.push({ ...fromStored(message), kind: 'never-sent', detail: 'stored, but in no send log' });
    }
  }
}

/** Per client and room: dedupe by id, then look for doubles, inversions, strangers and holes. */
function checkReceipts(
  input: DeliveryInput,
  stored: StoreIndex,
  buckets: Record<BucketName, Finding[]>,
): void {
  const sent = new Set(input.sends.map((send) => sendKey(send.senderId, send.clientMsgId)));
  const byClientRoom = groupBy(input.receipts, (receipt) => `${receipt.clientId}|${receipt.roomId}`);
  for (const receipts of byClientRoom.values()) checkFeed(receipts, sent, stored, buckets);
  for (const member of input.members) {
    const receipts = byClientRoom.get(`${member.clientId}|${member.roomId}`) ?? [];
    const got = new Set(receipts.map((receipt) => receipt.seq));
    const expected = [...(stored.seqs.get(member.roomId) ?? [])].filter((seq) => seq > member.fromSeq);
    for (const seq of expected.sort((a, b) => a - b)) {
      if (!got.has(seq)) {
        buckets.lost.push({
          kind: 'not-delivered',
          roomId: member.roomId,
          clientId: member.clientId,
          seq,
          detail: `stored after the join point ${member.fromSeq}, never delivered`,
        });
      }
    }
  }
}

function checkFeed(
  receipts: ReceiptRecord[],
  sent: Set<string>,
  stored: StoreIndex,
  buckets: Record<BucketName, Finding[]>,
): void {
  const ids = new Set<string>();
  const seqs = new Map<number, string>();
  const keys = new Map<string, string>();
  let highest = -Infinity;
  for (const receipt of receipts) {
    if (ids.has(receipt.messageId)) continue; // the same message twice is what dedupe by id is for
    ids.add(receipt.messageId);
    const base = {
      roomId: receipt.roomId,
      clientId: receipt.clientId,
      seq: receipt.seq,
      messageId: receipt.messageId,
    };
    const key = sendKey(receipt.senderId, receipt.clientMsgId);
    if (seqs.has(receipt.seq) || keys.has(key)) {
      buckets.duplicated.push({
        ...base,
        kind: 'delivered-twice',
        detail: 'one send or seq delivered as two messages',
      });
    }
    if (receipt.seq < highest) {
      buckets.reordered.push({ ...base, kind: 'delivery-order', detail: `delivered after seq ${highest}` });
    }
    if (!sent.has(key) && !stored.ids.has(receipt.messageId)) {
      buckets.unexpected.push({
        ...base,
        kind: 'never-sent',
        detail: 'delivered, but never sent nor stored',
      });
    }
    seqs.set(receipt.seq, receipt.messageId);
    keys.set(key, receipt.messageId);
    highest = Math.max(highest, receipt.seq);
  }
}

function fromStored(message: StoredMessage): Pick<Finding, 'roomId' | 'seq' | 'messageId' | 'clientMsgId'> {
  return {
    roomId: message.roomId,
    seq: message.seq,
    messageId: message.id,
    clientMsgId: message.clientMsgId,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
