import { checkDelivery } from './delivery-checker';
import type { DeliveryInput, ReceiptRecord, SendRecord, StoredMessage } from './delivery-log';
import { formatReport } from './delivery-report';

const ROOM = 'room-1';

function stored(seq: number, clientMsgId = `msg-${seq}`, senderId = 'alice'): StoredMessage {
  return { id: `id-${senderId}-${clientMsgId}`, roomId: ROOM, seq, senderId, clientMsgId };
}

function sent(
  message: StoredMessage,
  outcome: SendRecord['outcome'] = 'acked',
  at = message.seq * 10,
): SendRecord {
  return {
    clientId: message.senderId,
    senderId: message.senderId,
    roomId: message.roomId,
    clientMsgId: message.clientMsgId,
    outcome,
    messageId: outcome === 'acked' ? message.id : null,
    seq: outcome === 'acked' ? message.seq : null,
    sentAt: at,
    settledAt: at + 5,
  };
}

function received(message: StoredMessage, clientId = 'bob'): ReceiptRecord {
  return { clientId, ...message, messageId: message.id, at: message.seq * 10 + 7 };
}

/** Alice sends three messages, all stored; Bob joined at 0 and got all three in order. */
function cleanRun(): DeliveryInput {
  const history = [stored(1), stored(2), stored(3)];
  return {
    sends: history.map((message) => sent(message)),
    receipts: history.map((message) => received(message)),
    history,
    members: [{ clientId: 'bob', roomId: ROOM, fromSeq: 0 }],
  };
}

describe('checkDelivery', () => {
  it('passes a clean run with every bucket empty', () => {
    const report = checkDelivery(cleanRun());
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({
      lost: 0,
      lostChanges: 0,
      duplicated: 0,
      reordered: 0,
      unexpected: 0,
      recovered: 0,
    });
    expect(report.totals).toEqual({
      sends: 3,
      acked: 3,
      stored: 3,
      receipts: 3,
      members: 1,
      changes: 0,
      changesAcked: 0,
    });
  });

  it('counts an acked send missing from the store as lost', () => {
    const run = cleanRun();
    run.history = run.history.slice(0, 2);
    run.receipts = run.receipts.slice(0, 2);
    const report = checkDelivery(run);
    expect(report.ok).toBe(false);
    expect(report.buckets.lost).toEqual([
      expect.objectContaining({ kind: 'acked-not-stored', clientMsgId: 'msg-3' }),
    ]);
  });

  it('counts a stored message after the join point that a member never got as lost', () => {
    const run = cleanRun();
    run.receipts = [run.receipts[0], run.receipts[2]];
    const report = checkDelivery(run);
    expect(report.buckets.lost).toEqual([
      expect.objectContaining({ kind: 'not-delivered', clientId: 'bob', seq: 2 }),
    ]);
  });

  it('expects nothing before a member’s join point', () => {
    const run = cleanRun();
    run.members = [{ clientId: 'bob', roomId: ROOM, fromSeq: 2 }];
    run.receipts = [run.receipts[2]];
    expect(checkDelivery(run).ok).toBe(true);
  });

  it('counts one send stored twice, and one seq stored twice, as duplicated', () => {
    const run = cleanRun();
    run.history.push({ ...stored(4, 'msg-1'), id: 'other-id' }, { ...stored(3, 'msg-9'), id: 'x' });
    run.sends.push(sent(stored(3, 'msg-9')));
    const kinds = checkDelivery(run).buckets.duplicated.map((finding) => [finding.kind, finding.detail]);
    expect(kinds).toEqual([
      ['stored-twice', 'clientMsgId msg-1 of alice stored twice'],
      ['stored-twice', 'seq 3 stored twice'],
    ]);
  });

  it('dedupes receipts by id, but counts one send delivered as two messages', () => {
    const run = cleanRun();
    run.receipts.push(received(stored(3)));
    expect(checkDelivery(run).ok).toBe(true);
    run.receipts.push({ ...received(stored(3)), messageId: 'another', seq: 4 });
    expect(checkDelivery(run).buckets.duplicated).toEqual([
      expect.objectContaining({ kind: 'delivered-twice' }),
    ]);
  });

  it('counts a lower seq delivered after a higher one as reordered', () => {
    const run = cleanRun();
    run.receipts = [run.receipts[0], run.receipts[2], run.receipts[1]];
    expect(checkDelivery(run).buckets.reordered).toEqual([
      expect.objectContaining({ kind: 'delivery-order', seq: 2 }),
    ]);
  });

  it('counts a later send stored with a lower seq as reordered', () => {
    const first = stored(2, 'first');
    const second = stored(1, 'second');
    const run: DeliveryInput = {
      sends: [sent(first, 'acked', 10), sent(second, 'acked', 20)],
      receipts: [],
      history: [second, first],
      members: [],
    };
    expect(checkDelivery(run).buckets.reordered).toEqual([
      expect.objectContaining({ kind: 'sender-order', clientMsgId: 'second' }),
    ]);
  });

  it('lets concurrent sends of one sender (the second before the first ack) take either order', () => {
    const first = stored(2, 'first');
    const second = stored(1, 'second');
    const run: DeliveryInput = {
      sends: [sent(first, 'acked', 10), sent(second, 'acked', 12)],
      receipts: [],
      history: [second, first],
      members: [],
    };
    expect(checkDelivery(run).ok).toBe(true);
  });

  it('counts deliveries and stored messages nobody sent as unexpected', () => {
    const run = cleanRun();
    const stranger = stored(4, 'ghost', 'mallory');
    run.history.push(stranger);
    run.receipts.push(received(stranger), { ...received(stored(5, 'phantom')), messageId: 'nowhere' });
    const kinds = checkDelivery(run).buckets.unexpected.map((finding) => finding.seq);
    expect(kinds).toEqual([4, 5]);
  });

  it('reports a timed-out send that was stored as recovered, which does not fail the run', () => {
    const run = cleanRun();
    run.sends[2] = sent(stored(3), 'timeout');
    const report = checkDelivery(run);
    expect(report.ok).toBe(true);
    expect(report.buckets.recovered).toEqual([
      expect.objectContaining({ kind: 'stored-after-timeout', seq: 3 }),
    ]);
  });

  it('prints a short table and serializes to JSON', () => {
    const run = cleanRun();
    run.receipts.pop();
    const report = checkDelivery(run);
    const table = formatReport(report, 'scenario');
    expect(table).toContain('scenario: FAIL');
    expect(table).toMatch(/lost\s+1/);
    expect(table).toContain('not-delivered');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
