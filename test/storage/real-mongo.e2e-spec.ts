import { MongoClient, type Db } from 'mongodb';
import { AppError } from '@chat/platform/errors';
import { describeOnRealMongo, mongoUrlFor } from '@chat/testing';
import { eventually } from '../support/sockets';
import { startStorage, type StorageContext } from '../support/storage-context';
import { createBareRoom } from '../support/bare-room';

/**
 * What the embedded stand-in cannot prove, on a real MongoDB server: two replicas racing through the
 * unique indexes, the sessions' TTL index, and search through the `$text` index rather than the scan the
 * adapter falls back to. Skipped, with the reason printed, where the run has no real server.
 */
describeOnRealMongo('storage on real MongoDB', () => {
  const url = mongoUrlFor(`real_mongo_${Date.now().toString(36)}`);
  let replicas: StorageContext[];
  let client: MongoClient;
  let db: Db;

  /** The index on `key`, once the adapters' automatic index builds have made it. */
  async function indexOn(collection: string, key: Record<string, unknown>) {
    const find = async () =>
      (await db.collection(collection).listIndexes().toArray()).find(
        (index) => JSON.stringify(index.key) === JSON.stringify(key),
      );
    await eventually(async () => (await find()) !== undefined, 10_000);
    return (await find())!;
  }

  function newRoom(): Promise<string> {
    return createBareRoom(replicas[0].rooms);
  }

  beforeAll(async () => {
    // Two replicas on one database: each has its own caches, so only the server can settle their races.
    replicas = [await startStorage('mongo', 'real-a', url), await startStorage('mongo', 'real-b', url)];
    client = await MongoClient.connect(url);
    db = client.db();
  });
  afterAll(async () => {
    await Promise.all(replicas?.map((replica) => replica.close()) ?? []);
    await client?.close();
  });

  it('stores one message when two replicas race sends with the same clientMsgId', async () => {
    expect(await indexOn('messages', { senderId: 1, clientMsgId: 1 })).toMatchObject({ unique: true });
    const roomId = await newRoom();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        replicas[i % 2].appender.append({ roomId, senderId: 'dup', clientMsgId: 'same', body: 'once' }),
      ),
    );
    expect(new Set(results.map((result) => result.message.id)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await db.collection('messages').countDocuments({ senderId: 'dup', clientMsgId: 'same' })).toBe(1);
  });

  it('lets one of two replicas’ concurrent registrations of a name win', async () => {
    expect(await indexOn('users', { usernameLower: 1 })).toMatchObject({ unique: true });
    const outcomes = await Promise.allSettled(
      ['Racer', 'rACER', 'racer', 'RACER'].map((username, i) =>
        replicas[i % 2].users.create({ username, displayName: username, passwordHash: 'h', roles: ['user'] }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect((outcome.reason as AppError).code).toBe('CONFLICT');
    expect(await db.collection('users').countDocuments({ usernameLower: 'racer' })).toBe(1);
  });

  it('has the server remove expired sessions: a TTL index on expiresAt', async () => {
    expect(await indexOn('sessions', { expiresAt: 1 })).toMatchObject({ expireAfterSeconds: 0 });
  });

  it('searches through the $text index: whole words, stemmed', async () => {
    await indexOn('messages', { _fts: 'text', _ftsx: 1 });
    const roomId = await newRoom();
    const say = (clientMsgId: string, body: string) =>
      replicas[0].appender.append({ roomId, senderId: 'q', clientMsgId, body });
    await say('1', 'we made the decision');
    await say('2', 'scrunched paper');
    // A stem matches another form of the word, which the fallback scan (a substring match) would miss…
    expect((await replicas[0].messages.search(roomId, 'decisions', 10)).map((m) => m.body)).toEqual([
      'we made the decision',
    ]);
    // …and part of a word matches nothing, which the scan would have found.
    expect(await replicas[0].messages.search(roomId, 'crunch', 10)).toEqual([]);
  });
});
