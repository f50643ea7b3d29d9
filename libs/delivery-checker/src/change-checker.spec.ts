import { checkDelivery } from './delivery-checker';
import type { ChangeRecord, DeliveryInput, StateRecord, StoredMessage } from './delivery-log';
import { stateDigest, type ChangeableFields } from './state-digest';

const ROOM = 'room-1';
const fresh: ChangeableFields = { body: 'hello', deleted: false, editedAt: null, reactions: {} };
const edited: ChangeableFields = { ...fresh, body: 'hello, edited', editedAt: '2026-12-05T10:00:00.000Z' };

function stored(seq: number, rev: number, fields: ChangeableFields): StoredMessage {
  return {
    id: `m${seq}`,
    roomId: ROOM,
    seq,
    senderId: 'alice',
    clientMsgId: `c${seq}`,
    rev,
    digest: stateDigest(fields),
  };
}

function held(clientId: string, message: StoredMessage, rev = message.rev!, digest = message.digest!) {
  return { clientId, roomId: ROOM, messageId: message.id, rev, digest } satisfies StateRecord;
}

function change(messageId: string, rev: number | null, kind: ChangeRecord['kind'] = 'edit'): ChangeRecord {
  return {
    clientId: 'alice',
    roomId: ROOM,
    messageId,
    kind,
    outcome: rev === null ? 'timeout' : 'acked',
    rev,
    sentAt: 1,
    settledAt: 2,
  };
}

/** Alice sent two messages (revs 1, 2) and edited the first (rev 3); Bob joined at 0. */
function run(states: StateRecord[], changes = [change('m1', 3)]): DeliveryInput {
  const history = [stored(1, 3, edited), stored(2, 2, fresh)];
  return {
    sends: history.map((message) => ({
      clientId: 'alice',
      senderId: 'alice',
      roomId: ROOM,
      clientMsgId: message.clientMsgId,
      outcome: 'acked' as const,
      messageId: message.id,
      seq: message.seq,
      sentAt: message.seq,
      settledAt: message.seq + 1,
    })),
    receipts: history.map((message) => ({
      clientId: 'bob',
      roomId: ROOM,
      seq: message.seq,
      messageId: message.id,
      senderId: 'alice',
      clientMsgId: message.clientMsgId,
      at: 10,
    })),
    history,
    members: [{ clientId: 'bob', roomId: ROOM, fromSeq: 0 }],
    changes,
    states,
  };
}

describe('checkDelivery: changes', () => {
  it('passes a member holding every message as the store has it', () => {
    const input = run([]);
    input.states = input.history.map((message) => held('bob', message));
    const report = checkDelivery(input);
    expect(report.ok).toBe(true);
    expect(report.totals).toMatchObject({ changes: 1, changesAcked: 1 });
  });

  it('counts a member still holding the version before an edit as a lost change', () => {
    const input = run([]);
    const [first, second] = input.history;
    input.states = [held('bob', first, 1, stateDigest(fresh)), held('bob', second)];
    const report = checkDelivery(input);
    expect(report.ok).toBe(false);
    expect(report.buckets.lostChanges).toEqual([
      expect.objectContaining({ kind: 'change-not-reflected', clientId: 'bob', messageId: 'm1' }),
    ]);
  });

  it('counts the same rev with other content, and a rev ahead of the store, as not reflected', () => {
    const input = run([]);
    const [first, second] = input.history;
    input.states = [held('bob', first, 3, stateDigest(fresh)), held('bob', second, 9)];
    const report = checkDelivery(input);
    expect(report.buckets.lostChanges.map((finding) => finding.detail)).toEqual([
      "rev 3 held with other content than the store's",
      "holds rev 9, ahead of the store's rev 2",
    ]);
  });

  it('counts an acked change that the store does not have as lost, and ignores unacked ones', () => {
    const unacked = { ...change('m1', null, 'edit'), outcome: 'timeout' as const };
    const deletion = { ...change('m2', null, 'delete'), outcome: 'acked' as const };
    const input = run([], [change('m2', 4, 'react'), unacked, deletion, change('gone', 5)]);
    input.states = input.history.map((message) => held('bob', message));
    const report = checkDelivery(input);
    expect(report.buckets.lostChanges).toEqual([
      expect.objectContaining({
        kind: 'change-not-stored',
        messageId: 'm2',
        detail: expect.stringMatching(/^react/),
      }),
      expect.objectContaining({
        kind: 'change-not-stored',
        messageId: 'm2',
        detail: expect.stringMatching(/^delete/),
      }),
      expect.objectContaining({ kind: 'change-not-stored', messageId: 'gone' }),
    ]);
    expect(report.totals).toMatchObject({ changes: 4, changesAcked: 3 });
  });

  it('leaves a message the member never got to the delivery check, and ignores those before its join point', () => {
    const input = run([]);
    input.states = [held('bob', input.history[1])];
    input.receipts = input.receipts.slice(1);
    const report = checkDelivery(input);
    expect(report.counts).toMatchObject({ lost: 1, lostChanges: 0 });
    input.members = [{ clientId: 'bob', roomId: ROOM, fromSeq: 1 }];
    expect(checkDelivery(input).ok).toBe(true);
  });

  it('digests equal states equally, whatever the order of reactions and their users', () => {
    const one = { ...fresh, reactions: { '👍': ['a', 'b'], '🎉': ['c'], '👀': [] } };
    const other = { ...fresh, reactions: { '🎉': ['c'], '👍': ['b', 'a'] } };
    expect(stateDigest(one)).toBe(stateDigest(other));
    expect(stateDigest(one)).not.toBe(stateDigest({ ...other, deleted: true }));
  });
});
