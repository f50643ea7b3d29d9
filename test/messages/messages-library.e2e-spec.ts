import { MongoClient, ObjectId } from 'mongodb';
import { flushTestRedis, mongoUrlFor } from '@chat/testing';
import { startMessagesContext } from '../support/messages-context';

const DB = 'messages_library';
type Context = Awaited<ReturnType<typeof startMessagesContext>>;

describe('messages library (real store, real Redis)', () => {
  let gateways: Context[];
  let mongo: MongoClient;

  async function newRoom(): Promise<string> {
    const id = new ObjectId();
    const now = new Date();
    await mongo.db().collection('rooms').insertOne({
      _id: id,
      kind: 'room',
      name: 'r',
      nameLower: 'r',
      topic: '',
      visibility: 'public',
      ownerId: 'u',
      memberIds: [],
      memberCount: 1,
      lastSeq: 0,
      createdAt: now,
      lastActivityAt: now,
    });
    return id.toHexString();
  }

  const send = (
    gateway: Context,
    roomId: string,
    senderId: string,
    clientMsgId: string,
    body = `body ${clientMsgId}`,
  ) => gateway.appender.append({ roomId, senderId, clientMsgId, body });

  beforeAll(async () => {
    await flushTestRedis();
    mongo = await MongoClient.connect(mongoUrlFor(DB));
    gateways = await Promise.all([0, 1, 2].map(() => startMessagesContext(DB)));
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.context.close()));
    await mongo.close();
  });

  it('3 concurrent appenders × 300 messages into one room give seqs 1..900 exactly once', async () => {
    const roomId = await newRoom();
    const results = await Promise.all(
      gateways.flatMap((gateway, g) =>
        Array.from({ length: 300 }, (_, i) =>
          send(gateway, roomId, `sender${g}`, `msg-${g}-${String(i).padStart(4, '0')}`),
        ),
      ),
    );
    expect(results.every((result) => !result.duplicate)).toBe(true);
    const acked = results.map((result) => result.message.seq).sort((a, b) => a - b);
    expect(acked).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));

    const stored = await mongo.db().collection('messages').find({ roomId }).project({ seq: 1 }).toArray();
    expect(stored.map((row) => row.seq as number).sort((a, b) => a - b)).toEqual(acked);
    const room = await mongo
      .db()
      .collection('rooms')
      .findOne({ _id: new ObjectId(roomId) });
    expect(room?.lastSeq).toBe(900);

    // Per sender, acks arrive in send order: each gateway's batches keep its queue order.
    for (let g = 0; g < 3; g++) {
      const seqs = results.slice(g * 300, (g + 1) * 300).map((result) => result.message.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('group commit: many concurrent appends cost far fewer seq reservations than messages', async () => {
    const roomId = await newRoom();
    const allocate = jest.spyOn(gateways[0].allocator, 'allocate');
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => send(gateways[0], roomId, 'batcher', `batch-${i}-xxxxxx`)),
    );
    expect(allocate.mock.calls.length).toBeLessThan(20);
    allocate.mockRestore();
  });

  it('returns the original for a repeated clientMsgId and stores nothing twice, across gateways', async () => {
    const roomId = await newRoom();
    const first = await send(gateways[0], roomId, 'alice', 'repeat-0001', 'hello');
    const again = await send(gateways[1], roomId, 'alice', 'repeat-0001', 'hello again');
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ message: first.message, duplicate: true });

    await flushTestRedis(); // the store alone still answers: the fast path is only a cache
    const third = await send(gateways[2], roomId, 'alice', 'repeat-0001', 'third');
    expect(third).toEqual({ message: first.message, duplicate: true });
    expect(await mongo.db().collection('messages').countDocuments({ roomId })).toBe(1);
  });

  it('stores one message when the same clientMsgId races on three gateways', async () => {
    const roomId = await newRoom();
    const racing = await Promise.all(gateways.map((gateway) => send(gateway, roomId, 'bob', 'race-000001')));
    expect(new Set(racing.map((result) => result.message.id)).size).toBe(1);
    expect(racing.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await mongo.db().collection('messages').countDocuments({ roomId })).toBe(1);
  });

  it('answers CONFLICT for a clientMsgId reused in another room', async () => {
    const [roomA, roomB] = [await newRoom(), await newRoom()];
    await send(gateways[0], roomA, 'carol', 'reused-0001');
    await expect(send(gateways[0], roomB, 'carol', 'reused-0001')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('answers NOT_FOUND for a room that does not exist', async () => {
    await expect(
      send(gateways[0], new ObjectId().toHexString(), 'dave', 'nowhere-0001'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('pages by seq: newest, before, after, with hasMore', async () => {
    const roomId = await newRoom();
    for (let i = 1; i <= 25; i++)
      await send(gateways[i % 3], roomId, 'pager', `page-${String(i).padStart(5, '0')}`);
    const seqs = (page: { items: { seq: number }[] }) => page.items.map((message) => message.seq);

    const newest = await gateways[0].history.page(roomId, { limit: 10 });
    expect(seqs(newest)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(newest.hasMore).toBe(true);

    const before = await gateways[0].history.page(roomId, { beforeSeq: 16, limit: 10 });
    expect(seqs(before)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect((await gateways[0].history.page(roomId, { beforeSeq: 6, limit: 10 })).hasMore).toBe(false);

    const after = await gateways[0].history.page(roomId, { afterSeq: 20, limit: 3 });
    expect(seqs(after)).toEqual([21, 22, 23]);
    expect(after.hasMore).toBe(true);
    expect((await gateways[0].history.page(roomId, { afterSeq: 22, limit: 3 })).hasMore).toBe(false);
  });

  it('edits (sender only), soft-deletes, reacts and unreacts', async () => {
    const roomId = await newRoom();
    const { message } = await send(gateways[0], roomId, 'erin', 'changes-0001', 'original');
    const { changes } = gateways[1];

    await expect(changes.edit(roomId, message.id, 'mallory', 'hijack')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const edited = await changes.edit(roomId, message.id, 'erin', 'edited');
    expect(edited).toMatchObject({ body: 'edited', seq: message.seq, editedAt: expect.any(String) });

    const reacted = await changes.react(roomId, message.id, 'frank', '👍');
    await changes.react(roomId, message.id, 'frank', '👍');
    await changes.react(roomId, message.id, 'grace', '👍');
    const withDot = await changes.react(roomId, message.id, 'grace', 'a.b$c');
    expect(reacted.reactions).toEqual({ '👍': ['frank'] });
    expect(withDot.reactions).toEqual({ '👍': ['frank', 'grace'], 'a.b$c': ['grace'] });
    expect((await changes.unreact(roomId, message.id, 'frank', '👍')).reactions).toEqual({
      '👍': ['grace'],
      'a.b$c': ['grace'],
    });

    const deleted = await changes.softDelete(roomId, message.id);
    expect(deleted).toMatchObject({ deleted: true, body: '', seq: message.seq });
    const page = await gateways[0].history.page(roomId, { limit: 10 });
    expect(page.items).toEqual([expect.objectContaining({ id: message.id, deleted: true, body: '' })]);
    await expect(changes.edit(roomId, message.id, 'erin', 'again')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(changes.edit(new ObjectId().toHexString(), message.id, 'erin', 'x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('searches within a room, newest first', async () => {
    const roomId = await newRoom();
    const other = await newRoom();
    await send(gateways[0], roomId, 'hank', 'search-0001', 'the quick brown fox');
    await send(gateways[0], roomId, 'hank', 'search-0002', 'nothing here');
    await send(gateways[0], roomId, 'hank', 'search-0003', 'a Fox again');
    await send(gateways[0], other, 'hank', 'search-0004', 'fox elsewhere');
    const found = await gateways[0].history.search(roomId, 'fox', 10);
    expect(found.map((message) => message.body)).toEqual(['a Fox again', 'the quick brown fox']);
  });
});
