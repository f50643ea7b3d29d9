import type { Message } from '@chat/contracts';
import { messageIdFor, toMessage } from '@chat/messages';
import { newId } from '@chat/platform/ids';
import { createBareRoom } from '../support/bare-room';
import { forEachStore, type StorageContext } from '../support/storage-context';

function newRoom(store: StorageContext): Promise<string> {
  return createBareRoom(store.rooms);
}

forEachStore('messages store', (store) => {
  it('gives 600 concurrent sends into one room the seqs 1..600, each exactly once', async () => {
    const roomId = await newRoom(store());
    const results = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        store().appender.append({ roomId, senderId: `s${i % 20}`, clientMsgId: `c${i}`, body: `m${i}` }),
      ),
    );
    expect(results.every((result) => !result.duplicate)).toBe(true);
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 600 }, (_, i) => i + 1),
    );
    const room = await store().rooms.findById(roomId);
    expect(room?.lastSeq).toBe(600);
    // The room's last activity is the newest message's own timestamp: one clock reading.
    const newest = results.find((result) => result.message.seq === 600)!.message;
    expect(room?.lastActivityAt.toISOString()).toBe(newest.createdAt);
  });

  it('stores one row for a race of sends with the same clientMsgId', async () => {
    const roomId = await newRoom(store());
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        store().appender.append({ roomId, senderId: 'dup', clientMsgId: 'same', body: 'once' }),
      ),
    );
    expect(new Set(results.map((result) => result.message.id)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    const page = await store().messages.page(roomId, { limit: 50 });
    expect(page.filter((record) => record.clientMsgId === 'same')).toHaveLength(1);
  });

  it('answers a repeat the cache never saw from the store, without a second row', async () => {
    const roomId = await newRoom(store());
    const draft = {
      id: messageIdFor('late', 'x'),
      roomId,
      senderId: 'late',
      clientMsgId: 'x',
      body: 'b',
      attachments: [],
      mentions: [],
      createdAt: new Date(),
    };
    const first = await store().messages.appendBatch(roomId, [draft]);
    const again = await store().messages.appendBatch(roomId, [{ ...draft, body: 'changed' }]);
    expect(first.get(draft.id)?.ours).toBe(true);
    expect(again.get(draft.id)).toMatchObject({
      ours: false,
      record: { body: 'b', seq: first.get(draft.id)!.record.seq },
    });
  });

  it('pages by seq: newest, before and after', async () => {
    const roomId = await newRoom(store());
    for (let i = 1; i <= 12; i++)
      await store().appender.append({ roomId, senderId: 'p', clientMsgId: `p${i}`, body: `${i}` });
    expect((await store().messages.page(roomId, { limit: 3 })).map((r) => r.seq)).toEqual([12, 11, 10, 9]);
    expect((await store().messages.page(roomId, { beforeSeq: 5, limit: 3 })).map((r) => r.seq)).toEqual([
      4, 3, 2, 1,
    ]);
    expect((await store().messages.page(roomId, { afterSeq: 9, limit: 3 })).map((r) => r.seq)).toEqual([
      10, 11, 12,
    ]);
  });

  it('searches words in one room, newest first, leaving deleted messages out', async () => {
    const roomId = await newRoom(store());
    const other = await newRoom(store());
    const say = (room: string, id: string, body: string) =>
      store().appender.append({ roomId: room, senderId: 'q', clientMsgId: `${room}-${id}`, body });
    await say(roomId, '1', 'the quick brown fox');
    const second = await say(roomId, '2', 'a Quick decision');
    await say(roomId, '3', 'nothing here');
    await say(other, '4', 'quick elsewhere');
    const gone = await say(roomId, '5', 'quick but deleted');
    await store().messages.softDelete(roomId, gone.message.id);
    const found = await store().messages.search(roomId, 'quick', 10);
    expect(found.map((record) => record.body)).toEqual(['a Quick decision', 'the quick brown fox']);
    expect(found[0].id).toBe(second.message.id);
    expect(await store().messages.search(roomId, '" OR * NEAR(', 10)).toEqual([]);
  });

  it('edits the sender’s own message only, deletes to a tombstone, and keeps reactions as pairs', async () => {
    const roomId = await newRoom(store());
    const { message } = await store().appender.append({
      roomId,
      senderId: 'e',
      clientMsgId: 'e1',
      body: 'v1',
    });
    expect(await store().messages.editBody(roomId, message.id, 'mallory', 'x')).toBeNull();
    expect(await store().messages.editBody(roomId, message.id, 'e', 'v2 @m1', ['m1'])).toMatchObject({
      body: 'v2 @m1',
      mentions: ['m1'],
    });
    // Without new mentions, an edit keeps the ones it had.
    expect(await store().messages.editBody(roomId, message.id, 'e', 'v2')).toMatchObject({
      body: 'v2',
      mentions: ['m1'],
    });
    for (const emoji of ['👍', 'constructor', '__proto__', '👍'])
      await store().messages.addReaction(roomId, message.id, emoji, 'r1');
    await store().messages.addReaction(roomId, message.id, '👍', 'r2');
    await store().messages.removeReaction(roomId, message.id, '__proto__', 'r1');
    const reacted = toMessage((await store().messages.findInRoom(roomId, message.id))!);
    expect(JSON.parse(JSON.stringify(reacted.reactions))).toEqual({
      '👍': ['r1', 'r2'],
      constructor: ['r1'],
    });
    const deleted = await store().messages.softDelete(roomId, message.id);
    expect(deleted).toMatchObject({ deleted: true, body: '', reactions: [] });
    expect(await store().messages.editBody(roomId, message.id, 'e', 'v3')).toBeNull();
    expect(await store().messages.findInRoom(newId(), message.id)).toBeNull();
  });

  it('gives every change its own rev, in the same write, and pages changes by rev', async () => {
    const roomId = await newRoom(store());
    const sent: Message[] = [];
    for (let i = 0; i < 4; i++)
      sent.push(
        (await store().appender.append({ roomId, senderId: 'v', clientMsgId: `v${i}`, body: `${i}` }))
          .message,
      );
    expect(sent.map((message) => message.rev)).toEqual([1, 2, 3, 4]);
    const edited = await store().messages.editBody(roomId, sent[0].id, 'v', 'edited');
    const reacted = await store().messages.addReaction(roomId, sent[1].id, '👍', 'r');
    const deleted = await store().messages.softDelete(roomId, sent[2].id);
    expect([edited?.rev, reacted?.rev, deleted?.rev]).toEqual([5, 6, 7]);
    // A change that changes nothing refused (not the sender) takes no visible rev.
    expect(await store().messages.editBody(roomId, sent[1].id, 'mallory', 'x')).toBeNull();
    const page = await store().messages.changedAfter(roomId, 4, 10);
    expect(page.rows.map((row) => [row.id, row.rev])).toEqual([
      [sent[0].id, 5],
      [sent[1].id, 6],
      [sent[2].id, 7],
    ]);
    expect(page.rows[2]).toMatchObject({ deleted: true, body: '' });
    expect(page.through).toBeGreaterThanOrEqual(7);
    expect((await store().messages.changedAfter(roomId, 6, 10)).rows.map((row) => row.rev)).toEqual([7]);
    expect(await store().messages.settledRev(roomId)).toBeGreaterThanOrEqual(7);
  });

  it('keeps revs distinct and every change applied under 300 concurrent changes to one room', async () => {
    const roomId = await newRoom(store());
    const targets: Message[] = [];
    for (let i = 0; i < 3; i++)
      targets.push(
        (await store().appender.append({ roomId, senderId: 'c', clientMsgId: `c${i}`, body: `${i}` }))
          .message,
      );
    const changes = await Promise.all(
      Array.from({ length: 300 }, (_, i) => {
        const target = targets[i % 3];
        if (i % 10 === 0) return store().messages.editBody(roomId, target.id, 'c', `edit ${i}`);
        return store().messages.addReaction(roomId, target.id, `e${i % 7}`, `u${i}`);
      }),
    );
    const revs = changes.map((change) => change!.rev);
    expect(new Set(revs).size).toBe(300);
    const final = await Promise.all(targets.map((t) => store().messages.findInRoom(roomId, t.id)));
    for (const [index, message] of final.entries()) {
      const mine = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 === index && i % 10 !== 0);
      expect(message!.reactions).toHaveLength(mine.length);
      expect(message!.rev).toBe(Math.max(...changes.filter((_, i) => i % 3 === index).map((c) => c!.rev)));
    }
    const page = await store().messages.changedAfter(roomId, 0, 100);
    expect(page.rows.map((row) => row.id).sort()).toEqual(targets.map((t) => t.id).sort());
  });

  it('deletes a room’s messages', async () => {
    const roomId = await newRoom(store());
    await store().appender.append({ roomId, senderId: 'd', clientMsgId: 'd1', body: 'x' });
    await store().messages.deleteRoom(roomId);
    expect(await store().messages.page(roomId, { limit: 10 })).toEqual([]);
  });

  it('keeps announcements newest first', async () => {
    for (const text of ['first', 'second'])
      await store().announcements.insert({
        id: newId(),
        text,
        authorId: 'a',
        createdAt: new Date(),
        expiresAt: null,
      });
    expect((await store().announcements.recent(2)).map((a) => a.text)).toEqual(['second', 'first']);
  });
});
