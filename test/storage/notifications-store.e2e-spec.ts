import type { PushSubscriptionInput } from '@chat/contracts';
import { messageIdFor, type MessageDraft, type MessageRecord } from '@chat/messages';
import { subscriptionIdFor, type OutboxNotification, type PushSubscriptionRecord } from '@chat/notifications';
import { newId } from '@chat/platform/ids';
import { createBareRoom } from '../support/bare-room';
import { forEachStore, type StorageContext } from '../support/storage-context';

/** Every time below is fixed and handed to the ports: nothing sleeps, nothing reads the clock. */
const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
/** Later than anything a test stores: leasing at it takes whatever is left. */
const FAR = new Date('2999-01-01T00:00:00.000Z');

function device(
  userId: string,
  createdAt: Date,
  kind: 'webpush' | 'gateway' = 'webpush',
): PushSubscriptionRecord {
  const unique = newId();
  const input: PushSubscriptionInput =
    kind === 'webpush'
      ? {
          kind,
          endpoint: `https://push.example.com/send/${unique}`,
          keys: { p256dh: `p256dh-${unique}`, auth: `auth-${unique}` },
        }
      : { kind, appId: 'com.example.chat.ios', pushkey: `token-${unique}` };
  const base = { id: subscriptionIdFor(input), userId, sessionId: `session-${userId}`, createdAt };
  return input.kind === 'webpush'
    ? { ...base, kind: 'webpush', endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth }
    : { ...base, kind: 'gateway', appId: input.appId, pushkey: input.pushkey };
}

/** A notification of one message (seq) of `roomId` for device `subscriptionId`, as the deriver makes it. */
function notification(
  subscriptionId: string,
  roomId: string,
  seq: number,
  overrides: Partial<OutboxNotification> = {},
): OutboxNotification {
  const messageId = overrides.messageId ?? newId();
  return {
    id: `${messageId}:${subscriptionId}`,
    subscriptionId,
    userId: 'u-notified',
    roomId,
    firstSeq: seq,
    seq,
    messageId,
    senderId: `sender-${seq}`,
    reason: 'room',
    preview: `message ${seq}`,
    count: 1,
    createdAt: T0,
    mergeUntil: at(10_000),
    dueAt: at(10_000),
    attempts: 0,
    ...overrides,
  };
}

const ids = (items: { id: string }[]): string[] => items.map((item) => item.id);

forEachStore('notifications store', (store) => {
  describe('push subscriptions', () => {
    const subscriptions = () => store().pushSubscriptions;

    it('stores devices of both kinds, finds them, and lists a user’s oldest first', async () => {
      const userId = newId();
      const browser = device(userId, T0);
      const phone = device(userId, at(1_000), 'gateway');
      // Put newest first: the list orders by when each was first registered, not by write order.
      expect(await subscriptions().put(phone, 5)).toEqual(phone);
      expect(await subscriptions().put(browser, 5)).toEqual(browser);

      expect(await subscriptions().findById(browser.id)).toEqual(browser);
      expect(await subscriptions().findById(phone.id)).toEqual(phone);
      expect(await subscriptions().findById(device(userId, T0).id)).toBeNull();
      expect(await subscriptions().listByUser(userId)).toEqual([browser, phone]);
      expect(await subscriptions().listByUser(newId())).toEqual([]);
    });

    it('keeps one record per device: putting it again updates its keys, not its place', async () => {
      const userId = newId();
      const browser = device(userId, T0);
      await subscriptions().put(browser, 5);
      const renewed = { ...browser, p256dh: 'renewed-p256dh', auth: 'renewed-auth', createdAt: at(5_000) };

      const stored = await subscriptions().put(renewed, 5);
      expect(stored).toEqual({ ...renewed, createdAt: T0 });
      expect(await subscriptions().listByUser(userId)).toEqual([{ ...renewed, createdAt: T0 }]);
      expect(await subscriptions().findById(browser.id)).toEqual({ ...renewed, createdAt: T0 });
    });

    it('moves a device put by another user to that user', async () => {
      const before = newId();
      const after = newId();
      const phone = device(before, T0, 'gateway');
      await subscriptions().put(phone, 5);

      const moved = await subscriptions().put({ ...phone, userId: after, createdAt: at(1_000) }, 5);
      expect(moved).toMatchObject({ id: phone.id, userId: after });
      expect(await subscriptions().listByUser(before)).toEqual([]);
      expect(ids(await subscriptions().listByUser(after))).toEqual([phone.id]);
      expect((await subscriptions().findById(phone.id))?.userId).toBe(after);
    });

    it('refuses a new device at the limit, new or moved, but still takes the user’s own again', async () => {
      const userId = newId();
      const own = [device(userId, T0), device(userId, at(1)), device(userId, at(2), 'gateway')];
      for (const record of own) expect(await subscriptions().put(record, 3)).not.toBeNull();

      const extra = device(userId, at(3));
      expect(await subscriptions().put(extra, 3)).toBeNull();
      expect(await subscriptions().findById(extra.id)).toBeNull();

      const elsewhere = device(newId(), at(4));
      await subscriptions().put(elsewhere, 3);
      expect(await subscriptions().put({ ...elsewhere, userId }, 3)).toBeNull();
      expect((await subscriptions().findById(elsewhere.id))?.userId).toBe(elsewhere.userId);

      const renewed = { ...own[0], p256dh: 'renewed', auth: 'renewed' } as PushSubscriptionRecord;
      expect(await subscriptions().put(renewed, 3)).toEqual(renewed);
      expect(ids(await subscriptions().listByUser(userId))).toEqual(ids(own));

      expect(await subscriptions().remove(own[1].id, userId)).toBe(true);
      expect(await subscriptions().put(extra, 3)).toEqual(extra);
      expect(ids(await subscriptions().listByUser(userId))).toEqual([own[0].id, own[2].id, extra.id]);
    });

    it('removes only with the right owner, or without one, once', async () => {
      const userId = newId();
      const [first, second] = [device(userId, T0), device(userId, at(1))];
      for (const record of [first, second]) await subscriptions().put(record, 5);

      expect(await subscriptions().remove(first.id, newId())).toBe(false);
      expect(await subscriptions().findById(first.id)).toEqual(first);
      expect(await subscriptions().remove(first.id, userId)).toBe(true);
      expect(await subscriptions().remove(first.id, userId)).toBe(false);
      expect(await subscriptions().findById(first.id)).toBeNull();

      expect(await subscriptions().remove(second.id)).toBe(true);
      expect(await subscriptions().remove(second.id)).toBe(false);
      expect(await subscriptions().listByUser(userId)).toEqual([]);
    });

    it('never leaves a user above the limit when 20 devices register at once', async () => {
      const userId = newId();
      const records = Array.from({ length: 20 }, (_, i) => device(userId, at(i)));
      const results = await Promise.all(records.map((record) => subscriptions().put(record, 5)));

      const stored = await subscriptions().listByUser(userId);
      expect(stored.length).toBeLessThanOrEqual(5);
      // Whatever a put accepted is what is stored; a refused one left nothing behind.
      const accepted = results.filter((result): result is PushSubscriptionRecord => result !== null);
      expect(ids(accepted).sort()).toEqual(ids(stored).sort());
      // SQLite checks and writes in one transaction: exactly the limit gets in.
      if (store().kind === 'sqlite') expect(stored).toHaveLength(5);
    });
  });

  describe('notification outbox', () => {
    const outbox = () => store().outbox;

    /** Leases and removes whatever an earlier test left, so each test sees only its own notifications. */
    async function drain(): Promise<void> {
      for (;;) {
        const left = await outbox().lease(1_000, 1, FAR);
        if (left.length === 0) return;
        for (const { id } of left) await outbox().remove(id);
      }
    }

    /** The stored notifications due at `now`, read by leasing them (the port's only read). */
    async function leaseAll(now: Date, leaseMs = 60_000): Promise<OutboxNotification[]> {
      return outbox().lease(1_000, leaseMs, now);
    }

    beforeEach(drain);

    it('queues, merges the room’s next messages (latest fields, strongest reason), and covers counted ones', async () => {
      const subscriptionId = newId();
      const roomId = newId();
      const first = notification(subscriptionId, roomId, 1, { reason: 'all' });
      expect(await outbox().enqueue(first, T0)).toBe('queued');

      // The reason climbs all → room → mention, and stays a mention after weaker ones.
      const merges: [number, OutboxNotification['reason']][] = [
        [2, 'room'],
        [3, 'mention'],
        [4, 'direct'],
        [5, 'all'],
      ];
      for (const [seq, reason] of merges) {
        const next = notification(subscriptionId, roomId, seq, { reason, createdAt: at(seq) });
        expect(await outbox().enqueue(next, at(seq * 1_000))).toBe('merged');
      }
      const last = notification(subscriptionId, roomId, 6, {
        reason: 'room',
        messageId: 'm-last',
        senderId: 'last-sender',
        preview: 'the latest',
      });
      expect(await outbox().enqueue(last, at(6_000))).toBe('merged');

      // A crash re-derived messages already counted: nothing changes.
      expect(await outbox().enqueue(notification(subscriptionId, roomId, 3), at(7_000))).toBe('covered');
      expect(await outbox().enqueue(first, at(7_000))).toBe('covered');
      expect(await outbox().enqueue(last, at(7_000))).toBe('covered');
      // The same id again (its first message's), even for seqs it does not cover: covered, not a second row.
      expect(await outbox().enqueue({ ...first, roomId: newId(), firstSeq: 9, seq: 9 }, at(7_000))).toBe(
        'covered',
      );

      expect(await leaseAll(at(10_000))).toEqual([
        {
          ...first,
          firstSeq: 1,
          seq: 6,
          messageId: 'm-last',
          senderId: 'last-sender',
          preview: 'the latest',
          reason: 'mention',
          count: 6,
          createdAt: T0,
          mergeUntil: at(10_000),
          dueAt: at(70_000),
          attempts: 0,
        },
      ]);
    });

    it('keeps the strongest reason across merges: a mention is never downgraded, a weaker one is raised', async () => {
      const roomId = newId();
      const mentioned = newId();
      await outbox().enqueue(notification(mentioned, roomId, 1, { reason: 'mention' }), T0);
      const raised = newId();
      await outbox().enqueue(notification(raised, roomId, 1, { reason: 'all' }), T0);
      for (const [seq, reason] of [
        [2, 'direct'],
        [3, 'room'],
        [4, 'all'],
      ] as const) {
        expect(await outbox().enqueue(notification(mentioned, roomId, seq, { reason }), at(seq))).toBe(
          'merged',
        );
        expect(await outbox().enqueue(notification(raised, roomId, seq, { reason }), at(seq))).toBe('merged');
      }
      const held = await leaseAll(at(10_000));
      expect(held.find((n) => n.subscriptionId === mentioned)).toMatchObject({
        reason: 'mention',
        count: 4,
        firstSeq: 1,
        seq: 4,
      });
      // all, then direct: the direct message's reason stays through the weaker room and all ones.
      expect(held.find((n) => n.subscriptionId === raised)).toMatchObject({ reason: 'direct', count: 4 });
    });

    it('starts a new notification once the merge window closed', async () => {
      const subscriptionId = newId();
      const roomId = newId();
      const first = notification(subscriptionId, roomId, 1);
      const second = notification(subscriptionId, roomId, 2, { mergeUntil: at(20_000), dueAt: at(20_000) });
      expect(await outbox().enqueue(first, T0)).toBe('queued');
      // mergeUntil is exclusive: at it, the window is closed.
      expect(await outbox().enqueue(second, at(10_000))).toBe('queued');
      expect(await outbox().enqueue(notification(subscriptionId, roomId, 2), at(10_001))).toBe('covered');

      const held = await leaseAll(at(20_000));
      expect(ids(held).sort()).toEqual([first.id, second.id].sort());
      expect(held.map((n) => [n.firstSeq, n.seq, n.count]).sort()).toEqual([
        [1, 1, 1],
        [2, 2, 1],
      ]);
    });

    it('never merges into a leased notification, a failed one, or one of a later seq', async () => {
      const subscriptionId = newId();
      const roomId = newId();
      // Due at once, its window still open: a worker leases it while messages keep coming.
      const leased = notification(subscriptionId, roomId, 1, { dueAt: T0, mergeUntil: at(60_000) });
      expect(await outbox().enqueue(leased, T0)).toBe('queued');
      expect(ids(await outbox().lease(10, 30_000, T0))).toEqual([leased.id]);
      const afterLease = notification(subscriptionId, roomId, 2, {
        dueAt: at(60_000),
        mergeUntil: at(60_000),
      });
      expect(await outbox().enqueue(afterLease, at(1_000))).toBe('queued');

      // Another device: its notification failed once (rescheduled, released) before the window closed.
      const otherDevice = newId();
      const failed = notification(otherDevice, roomId, 1, { dueAt: T0, mergeUntil: at(60_000) });
      await outbox().enqueue(failed, T0);
      expect(ids(await outbox().lease(10, 30_000, at(1)))).toEqual([failed.id]);
      await outbox().reschedule(failed.id, at(5_000), 1);
      const afterFailure = notification(otherDevice, roomId, 2, {
        dueAt: at(60_000),
        mergeUntil: at(60_000),
      });
      expect(await outbox().enqueue(afterFailure, at(2_000))).toBe('queued');

      // A third device whose open notification is of a later seq (messages derived out of order).
      const thirdDevice = newId();
      const later = notification(thirdDevice, roomId, 5, { mergeUntil: at(60_000), dueAt: at(60_000) });
      const earlier = notification(thirdDevice, roomId, 3, { mergeUntil: at(60_000), dueAt: at(60_000) });
      expect(await outbox().enqueue(later, T0)).toBe('queued');
      expect(await outbox().enqueue(earlier, at(1_000))).toBe('queued');

      const held = await leaseAll(at(60_000));
      expect(ids(held).sort()).toEqual(
        [leased.id, afterLease.id, failed.id, afterFailure.id, later.id, earlier.id].sort(),
      );
      expect(held.every((n) => n.count === 1 && n.firstSeq === n.seq)).toBe(true);
      expect(held.find((n) => n.id === failed.id)?.attempts).toBe(1);
    });

    it('leases only due notifications, oldest first, one holder at a time; reschedule and remove', async () => {
      const roomId = newId();
      const a = notification(newId(), roomId, 1, { createdAt: T0, dueAt: at(2_000) });
      const b = notification(newId(), roomId, 1, { createdAt: at(1), dueAt: at(1_000) });
      const notYet = notification(newId(), roomId, 1, { createdAt: at(2), dueAt: at(3_600_000) });
      for (const n of [notYet, b, a]) expect(await outbox().enqueue(n, T0)).toBe('queued');

      expect(await outbox().lease(10, 30_000, at(999))).toEqual([]);
      // Oldest (createdAt) first; the lease moves dueAt to its end.
      expect(await outbox().lease(10, 30_000, at(5_000))).toEqual([
        { ...a, dueAt: at(35_000) },
        { ...b, dueAt: at(35_000) },
      ]);
      // Held: nobody else gets them until the lease lapses.
      expect(await outbox().lease(10, 30_000, at(5_000))).toEqual([]);
      expect(await outbox().lease(10, 30_000, at(34_999))).toEqual([]);
      // A worker that died: both come back once the lease lapsed.
      expect(ids(await outbox().lease(10, 30_000, at(35_000)))).toEqual([a.id, b.id]);

      // Failed for now: released, due again later, attempts counted.
      await outbox().reschedule(a.id, at(200_000), 2);
      await outbox().remove(b.id);
      expect(await outbox().lease(10, 30_000, at(199_999))).toEqual([]);
      expect(await outbox().lease(10, 30_000, at(200_000))).toEqual([
        { ...a, attempts: 2, dueAt: at(230_000) },
      ]);

      // The limit takes the earliest due first.
      expect(ids(await outbox().lease(1, 30_000, at(3_600_000)))).toEqual([a.id]);
      expect(ids(await outbox().lease(1, 30_000, at(3_600_000)))).toEqual([notYet.id]);
      expect(await outbox().lease(10, 30_000, at(3_600_000))).toEqual([]);

      await outbox().remove(a.id);
      await outbox().remove(notYet.id);
      await outbox().remove(notYet.id);
      expect(await outbox().lease(10, 30_000, FAR)).toEqual([]);
    });

    it('gives each due notification to one of several concurrent leases', async () => {
      const roomId = newId();
      const queued = Array.from({ length: 30 }, (_, i) =>
        notification(newId(), roomId, 1, { createdAt: at(i), dueAt: at(i) }),
      );
      for (const n of queued) await outbox().enqueue(n, T0);

      const leases = await Promise.all(
        Array.from({ length: 4 }, () => outbox().lease(30, 30_000, at(1_000))),
      );
      const taken = leases.flatMap(ids);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual(ids(queued).sort());

      const again = await Promise.all([
        outbox().lease(30, 30_000, at(31_000)),
        outbox().lease(30, 30_000, at(31_000)),
      ]);
      const retaken = again.flatMap(ids);
      expect(new Set(retaken).size).toBe(retaken.length);
      expect(retaken.sort()).toEqual(ids(queued).sort());
    });
  });

  describe('notification queue', () => {
    const queue = () => store().notificationQueue;

    /** Settles whatever an earlier test left marked, so each test sees only its own messages. */
    async function drain(): Promise<void> {
      for (;;) {
        const left = await queue().lease(1_000, 1, FAR);
        if (left.length === 0) return;
        await queue().settle(ids(left));
      }
    }

    /** Appends `count` messages to the room in one batch, all stored at `createdAt`. */
    async function append(
      context: StorageContext,
      roomId: string,
      count: number,
      createdAt: Date,
    ): Promise<MessageRecord[]> {
      const drafts: MessageDraft[] = Array.from({ length: count }, () => {
        const clientMsgId = newId();
        return {
          id: messageIdFor('sender', clientMsgId),
          roomId,
          senderId: 'sender',
          clientMsgId,
          body: `body ${clientMsgId}`,
          attachments: [],
          mentions: [],
          createdAt,
        };
      });
      const stored = await context.messages.appendBatch(roomId, drafts);
      return drafts.map((draft) => stored.get(draft.id)!.record);
    }

    const byRoomThenSeq = (records: MessageRecord[]): MessageRecord[] =>
      [...records].sort((a, b) => (a.roomId === b.roomId ? a.seq - b.seq : a.roomId < b.roomId ? -1 : 1));

    beforeEach(drain);

    it('marks every appended message, due at its createdAt', async () => {
      const roomId = await createBareRoom(store().rooms);
      const { message } = await store().appender.append({
        roomId,
        senderId: 'sender',
        clientMsgId: newId(),
        body: 'through the appender',
      });
      const createdAt = new Date(message.createdAt);
      expect(await queue().lease(10, 30_000, new Date(createdAt.getTime() - 1))).toEqual([]);
      const [leased] = await queue().lease(10, 30_000, createdAt);
      expect(leased).toMatchObject({
        id: message.id,
        roomId,
        seq: 1,
        body: 'through the appender',
        createdAt,
      });
      await queue().settle([message.id]);
    });

    it('leases by room then seq, once per lease; settled ones never return, unsettled ones do', async () => {
      const roomA = await createBareRoom(store().rooms);
      const roomB = await createBareRoom(store().rooms);
      const inA = await append(store(), roomA, 3, T0);
      const inB = await append(store(), roomB, 2, at(-1_000));
      const all = byRoomThenSeq([...inA, ...inB]);

      expect(await queue().lease(100, 30_000, at(-1_001))).toEqual([]);
      expect(await queue().lease(100, 30_000, at(-1_000))).toEqual(inB);
      expect(await queue().lease(100, 30_000, T0)).toEqual(inA);
      // Held until the lease lapses.
      expect(await queue().lease(100, 30_000, at(28_999))).toEqual([]);
      // B's lease lapsed first (it was taken earlier); then A's too.
      expect(await queue().lease(100, 30_000, at(29_000))).toEqual(inB);
      expect(await queue().lease(100, 30_000, at(30_000))).toEqual(inA);
      expect(await queue().lease(100, 30_000, at(60_000))).toEqual(all);

      await queue().settle([inA[0].id, inB[1].id]);
      await queue().settle([]);
      // The unsettled ones come back after the lease; the settled ones never do.
      expect(await queue().lease(100, 30_000, at(89_999))).toEqual([]);
      expect(await queue().lease(100, 30_000, at(90_000))).toEqual(byRoomThenSeq([inA[1], inA[2], inB[0]]));

      await queue().settle(ids(all));
      expect(await queue().lease(100, 30_000, FAR)).toEqual([]);
    });

    it('keeps a room’s seq order when the limit cuts a batch stored at one instant', async () => {
      const roomId = await createBareRoom(store().rooms);
      const stored = await append(store(), roomId, 6, T0);
      expect((await queue().lease(2, 30_000, T0)).map((m) => m.seq)).toEqual([1, 2]);
      expect((await queue().lease(2, 30_000, T0)).map((m) => m.seq)).toEqual([3, 4]);
      expect((await queue().lease(2, 30_000, T0)).map((m) => m.seq)).toEqual([5, 6]);
      await queue().settle(ids(stored));
    });

    it('gives each marked message to one of several concurrent leases', async () => {
      const rooms = await Promise.all(Array.from({ length: 4 }, () => createBareRoom(store().rooms)));
      const stored = (await Promise.all(rooms.map((roomId, i) => append(store(), roomId, 10, at(i))))).flat();

      const leases = await Promise.all(Array.from({ length: 4 }, () => queue().lease(40, 30_000, at(1_000))));
      const taken = leases.flatMap(ids);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual(ids(stored).sort());
      for (const leased of leases) expect(leased).toEqual(byRoomThenSeq(leased));

      await queue().settle(ids(stored));
      expect(await queue().lease(100, 30_000, FAR)).toEqual([]);
    });
  });
});
