import type { Announcement, Message, MessagePage, Page, Room } from '@chat/contracts';
import { eventually } from '../support/sockets';
import { startChatStack, type Actor, type ChatStack } from '../support/chat-stack';
import { startMessagesContext } from '../support/messages-context';

const DB = 'rooms_history';

describe('rooms API: direct messages, history, search, read markers, announcements', () => {
  let stack: ChatStack;
  let writer: Awaited<ReturnType<typeof startMessagesContext>>;
  let alice: Actor;
  let bob: Actor;
  let carol: Actor;

  beforeAll(async () => {
    stack = await startChatStack(DB);
    writer = await startMessagesContext(DB);
    [alice, bob, carol] = await Promise.all([stack.actor(), stack.actor(), stack.actor()]);
  });
  afterAll(async () => {
    await writer.context.close();
    await stack.close();
  });

  let sent = 0;
  async function post(roomId: string, sender: Actor, count: number): Promise<Message[]> {
    const messages: Message[] = [];
    for (let i = 0; i < count; i++) {
      sent += 1;
      const { message } = await writer.appender.append({
        roomId,
        senderId: sender.id,
        clientMsgId: `hist-${sent.toString().padStart(6, '0')}`,
        body: `message ${sent}`,
      });
      messages.push(message);
    }
    return messages;
  }

  describe('direct messages', () => {
    it('gives the same two users the same direct room, whichever asks, even at once', async () => {
      const [x, y] = await Promise.all([stack.actor(), stack.actor()]);
      const [fromX, fromY] = await Promise.all([
        x.rooms.post<Room>('/api/dm', { userId: y.id }),
        y.rooms.post<Room>('/api/dm', { userId: x.id }),
      ]);
      expect(fromX.status).toBe(200);
      expect(fromY.status).toBe(200);
      expect(fromX.body.id).toBe(fromY.body.id);
      expect(fromX.body).toMatchObject({
        kind: 'direct',
        name: null,
        ownerId: null,
        visibility: 'private',
        memberCount: 2,
        memberIds: [x.id, y.id].sort(),
      });
      expect((await x.rooms.post<Room>('/api/dm', { userId: y.id })).body.id).toBe(fromX.body.id);
      expect((await carol.rooms.get(`/api/rooms/${fromX.body.id}`)).status).toBe(404);
      const joined = await y.rooms.get<Page<Room>>('/api/rooms');
      expect(joined.body.items.map((room) => room.id)).toContain(fromX.body.id);
    });

    it('refuses a DM with oneself (400) and with nobody (404)', async () => {
      expect((await alice.rooms.post('/api/dm', { userId: alice.id })).status).toBe(400);
      expect((await alice.rooms.post('/api/dm', { userId: '000000000000000000000000' })).status).toBe(404);
      expect((await alice.rooms.post('/api/dm', { userId: { $ne: null } })).status).toBe(400);
    });
  });

  describe('history and search', () => {
    let room: Room;
    beforeAll(async () => {
      room = (await alice.rooms.post<Room>('/api/rooms', { name: 'history', visibility: 'public' })).body;
      await bob.rooms.post(`/api/rooms/${room.id}/join`);
      await post(room.id, alice, 12);
    });

    it('pages ascending by seq, with hasMore in the right direction', async () => {
      const latest = await bob.rooms.get<MessagePage>(`/api/rooms/${room.id}/messages?limit=5`);
      expect(latest.status).toBe(200);
      expect(latest.body.items.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
      expect(latest.body.hasMore).toBe(true);
      const older = await bob.rooms.get<MessagePage>(`/api/rooms/${room.id}/messages?beforeSeq=8&limit=5`);
      expect(older.body.items.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
      const oldest = await bob.rooms.get<MessagePage>(`/api/rooms/${room.id}/messages?beforeSeq=3&limit=5`);
      expect(oldest.body).toEqual({
        items: [expect.objectContaining({ seq: 1 }), expect.objectContaining({ seq: 2 })],
        hasMore: false,
      });
      const newer = await bob.rooms.get<MessagePage>(`/api/rooms/${room.id}/messages?afterSeq=10`);
      expect(newer.body.items.map((m) => m.seq)).toEqual([11, 12]);
      expect(newer.body.hasMore).toBe(false);
      expect(latest.body.items[0]).toEqual({
        id: expect.any(String),
        roomId: room.id,
        seq: 8,
        // Sent one after another with no other change: each message's rev is its seq.
        rev: 8,
        senderId: alice.id,
        clientMsgId: expect.any(String),
        body: expect.any(String),
        createdAt: expect.any(String),
        editedAt: null,
        deleted: false,
        reactions: {},
        attachments: [],
        mentions: [],
      });
    });

    it.each([
      ['both cursors', 'beforeSeq=5&afterSeq=2'],
      ['limit 0', 'limit=0'],
      ['limit 101', 'limit=101'],
      ['a non-integer seq', 'beforeSeq=abc'],
      ['a fractional seq', 'afterSeq=1.5'],
      ['an unknown parameter', 'offset=10'],
    ])('rejects %s with 400', async (_name, query) => {
      expect((await bob.rooms.get(`/api/rooms/${room.id}/messages?${query}`)).status).toBe(400);
    });

    it('refuses non-members: 403 on a public room, 404 on a private one', async () => {
      expect((await carol.rooms.get(`/api/rooms/${room.id}/messages`)).status).toBe(403);
      expect((await carol.rooms.get(`/api/rooms/${room.id}/messages/search?q=message`)).status).toBe(403);
      const secret = (await alice.rooms.post<Room>('/api/rooms', { name: 'secret', visibility: 'private' }))
        .body;
      await post(secret.id, alice, 1);
      const denied = await carol.rooms.get(`/api/rooms/${secret.id}/messages`);
      expect(denied.status).toBe(404);
      expect(denied.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    });

    it('searches a room newest first, members only', async () => {
      const found = await bob.rooms.get<{ items: Message[] }>(
        `/api/rooms/${room.id}/messages/search?q=MESSAGE&limit=3`,
      );
      expect(found.status).toBe(200);
      expect(found.body.items).toHaveLength(3);
      expect(found.body.items.map((m) => m.seq)).toEqual([12, 11, 10]);
      expect((await bob.rooms.get(`/api/rooms/${room.id}/messages/search?q=`)).status).toBe(400);
      expect((await bob.rooms.get(`/api/rooms/${room.id}/messages/search?q=x&limit=51`)).status).toBe(400);
    });
  });

  describe('read markers and unread counts', () => {
    it('starts a new member at lastSeq, clamps, never moves backwards, and lists unread', async () => {
      const room = (await alice.rooms.post<Room>('/api/rooms', { name: 'unread', visibility: 'public' }))
        .body;
      await post(room.id, alice, 5);
      const joined = await bob.rooms.post<Room>(`/api/rooms/${room.id}/join`);
      expect(joined.body).toMatchObject({ lastSeq: 5, lastReadSeq: 5, unread: 0 });

      await post(room.id, alice, 4);
      const listed = (await bob.rooms.get<Page<Room>>('/api/rooms')).body.items.find(
        (r) => r.id === room.id,
      )!;
      expect(listed).toMatchObject({ lastSeq: 9, lastReadSeq: 5, unread: 4 });

      expect((await bob.rooms.post(`/api/rooms/${room.id}/read`, { seq: 7 })).status).toBe(204);
      expect((await bob.rooms.post(`/api/rooms/${room.id}/read`, { seq: 6 })).status).toBe(204);
      const afterBackwards = (await bob.rooms.get<Page<Room>>('/api/rooms')).body.items.find(
        (r) => r.id === room.id,
      )!;
      expect(afterBackwards).toMatchObject({ lastReadSeq: 7, unread: 2 });

      await bob.rooms.post(`/api/rooms/${room.id}/read`, { seq: 1000 });
      const clamped = (await bob.rooms.get<Room>(`/api/rooms/${room.id}`)).body;
      expect(clamped).toMatchObject({ lastReadSeq: 9, unread: 0 });

      expect((await bob.rooms.post(`/api/rooms/${room.id}/read`, { seq: -1 })).status).toBe(400);
      expect((await bob.rooms.post(`/api/rooms/${room.id}/read`, { seq: '5' })).status).toBe(400);
      expect((await carol.rooms.post(`/api/rooms/${room.id}/read`, { seq: 1 })).status).toBe(403);
    });

    it('sorts the joined list by latest activity and pages it', async () => {
      const dave = await stack.actor();
      const rooms: Room[] = [];
      for (const name of ['one', 'two', 'three']) {
        rooms.push((await dave.rooms.post<Room>('/api/rooms', { name, visibility: 'public' })).body);
      }
      await post(rooms[0].id, dave, 1);
      const first = await dave.rooms.get<Page<Room>>('/api/rooms?scope=joined&limit=2');
      expect(first.body.items.map((r) => r.name)).toEqual(['one', 'three']);
      const second = await dave.rooms.get<Page<Room>>(`/api/rooms?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toEqual({ items: [expect.objectContaining({ name: 'two' })], nextCursor: null });
    });
  });

  describe('announcements', () => {
    it('lets only a global admin publish, and serves the newest unexpired one', async () => {
      const admin = await stack.admin();
      expect((await alice.rooms.post('/api/announcements', { text: 'not allowed' })).status).toBe(403);
      const first = await admin.rooms.post<Announcement>('/api/announcements', {
        text: '  Maintenance at noon  ',
      });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        text: 'Maintenance at noon',
        authorId: admin.id,
        createdAt: expect.any(String),
        expiresAt: null,
      });
      const current = await alice.rooms.get<Announcement>('/api/announcements/current');
      expect(current.status).toBe(200);
      expect(current.body).toEqual(first.body);

      const expiresAt = new Date(Date.now() + 1500).toISOString();
      const brief = await admin.rooms.post<Announcement>('/api/announcements', { text: 'brief', expiresAt });
      expect((await alice.rooms.get<Announcement>('/api/announcements/current')).body.id).toBe(brief.body.id);
      // The earlier one is current again once `brief` expires (polled up to a deadline, not slept on).
      await eventually(
        async () =>
          (await alice.rooms.get<Announcement>('/api/announcements/current')).body.id === first.body.id,
        5000,
      );

      expect((await admin.rooms.post('/api/announcements', { text: 'x'.repeat(2001) })).status).toBe(400);
      expect(
        (await admin.rooms.post('/api/announcements', { text: 'past', expiresAt: '2000-01-01T00:00:00Z' }))
          .status,
      ).toBe(400);
      expect(
        (await admin.rooms.post('/api/announcements', { text: 'bad', expiresAt: 'tomorrow' })).status,
      ).toBe(400);
    });
  });
});

describe('announcements: none current', () => {
  let stack: ChatStack;
  beforeAll(async () => {
    stack = await startChatStack('rooms_no_announcements');
  });
  afterAll(() => stack.close());

  it('answers 204 when there is no current announcement', async () => {
    const someone = await stack.actor();
    const result = await someone.rooms.get('/api/announcements/current');
    expect(result.status).toBe(204);
  });
});
