import type { Message, Room } from '@chat/contracts';
import { flushTestRedis } from '@chat/testing';
import {
  closeAllSockets,
  connectSocket,
  emitRaw,
  eventually,
  ok,
  refusal,
  request,
  type ChatClient,
} from './sockets';
import type { ChatTopology, SocketActor } from './topology';

let clientIds = 0;
const clientMsgId = (prefix = 'msg') => `${prefix}-${Date.now().toString(36)}-${(clientIds += 1)}`;

/** Every message:new a socket receives, from now on. */
function inbox(socket: ChatClient): Message[] {
  const received: Message[] = [];
  socket.on('message:new', (message) => received.push(message));
  return received;
}

/**
 * The Socket.IO contract of PROTOCOL.md, written once and run against every topology: the 3-gateway
 * cluster and the standalone server. Sockets are spread over `gatewayUrls`, so on the cluster every
 * test crosses replicas.
 */
export function describeSocketContract(start: () => Promise<ChatTopology>): void {
  let topology: ChatTopology;
  const url = (index: number) => topology.gatewayUrls[index % topology.gatewayUrls.length];

  beforeAll(async () => {
    await flushTestRedis();
    topology = await start();
  });
  afterAll(async () => {
    closeAllSockets();
    await topology.close();
  });
  afterEach(() => closeAllSockets());

  async function roomWith(
    owner: SocketActor,
    members: SocketActor[],
    visibility: 'public' | 'private' = 'public',
  ): Promise<Room> {
    const room = (await owner.http.post<Room>('/api/rooms', { name: 'sockets', visibility })).body;
    for (const member of members)
      await owner.http.post(`/api/rooms/${room.id}/members`, { userId: member.id });
    return room;
  }

  it('fans a message out to members on every gateway, the sender’s other device included', async () => {
    const [alice, bob, carol] = [await topology.actor(), await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob, carol]);
    const sockets = {
      alice1: await connectSocket(url(0), alice.token),
      alice2: await connectSocket(url(1), alice.token),
      bob: await connectSocket(url(1), bob.token),
      carol: await connectSocket(url(2), carol.token),
    };
    const inboxes = Object.fromEntries(
      Object.entries(sockets).map(([name, socket]) => [name, inbox(socket)]),
    );
    for (const socket of Object.values(sockets)) await ok(socket, 'room:join', { roomId: room.id });

    const { message } = await ok(sockets.alice1, 'message:send', {
      roomId: room.id,
      clientMsgId: clientMsgId(),
      body: '  hello all  ',
    });
    expect(message).toMatchObject({
      roomId: room.id,
      seq: 1,
      senderId: alice.id,
      body: 'hello all',
      deleted: false,
      editedAt: null,
      reactions: {},
      attachments: [],
      mentions: [],
    });
    await eventually(() => Object.values(inboxes).every((box) => box.length === 1), 3000);
    for (const box of Object.values(inboxes)) expect(box[0]).toEqual(message);
  });

  it('acks a resent clientMsgId with the original: no second row, no second broadcast', async () => {
    const [alice, bob] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob]);
    const [sender, listener] = [
      await connectSocket(url(0), alice.token),
      await connectSocket(url(2), bob.token),
    ];
    const received = inbox(listener);
    await ok(sender, 'room:join', { roomId: room.id });
    await ok(listener, 'room:join', { roomId: room.id });
    const id = clientMsgId('dup');
    const first = await ok(sender, 'message:send', { roomId: room.id, clientMsgId: id, body: 'once' });
    const again = await ok(sender, 'message:send', { roomId: room.id, clientMsgId: id, body: 'twice?' });
    expect(again.message).toEqual(first.message);
    // A fence: a later message from the same sender arrives after any second broadcast would have.
    const fence = await ok(sender, 'message:send', {
      roomId: room.id,
      clientMsgId: clientMsgId(),
      body: 'fence',
    });
    await eventually(() => received.some((message) => message.id === fence.message.id), 5000);
    expect(received.map((message) => message.id)).toEqual([first.message.id, fence.message.id]);
    const history = await alice.http.get<{ items: Message[] }>(`/api/rooms/${room.id}/messages`);
    expect(history.body.items).toHaveLength(2);
  });

  // 200 per gateway, from two senders each, so that the per-user send limit can stay low for the flood test.
  it('gives 3 gateways × 200 concurrent sends into one room seqs 1..600 exactly once', async () => {
    const senders = await Promise.all(Array.from({ length: 6 }, () => topology.actor()));
    const room = await roomWith(senders[0], senders.slice(1));
    const sockets = await Promise.all(
      senders.map((sender, index) => connectSocket(url(index % 3), sender.token)),
    );
    for (const socket of sockets) await ok(socket, 'room:join', { roomId: room.id });
    const acks = await Promise.all(
      sockets.flatMap((socket, s) =>
        Array.from({ length: 100 }, (_, i) =>
          ok(socket, 'message:send', {
            roomId: room.id,
            clientMsgId: `seq-${s}-${i}-${Date.now()}`,
            body: `m${i}`,
          }),
        ),
      ),
    );
    const seqs = acks.map((ack) => ack.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    const stored: number[] = [];
    for (let after = 0; ;) {
      const page = (
        await senders[0].http.get<{ items: Message[]; hasMore: boolean }>(
          `/api/rooms/${room.id}/messages?afterSeq=${after}&limit=100`,
        )
      ).body;
      stored.push(...page.items.map((m) => m.seq));
      if (!page.hasMore) break;
      after = page.items[page.items.length - 1].seq;
    }
    expect(stored).toEqual(seqs);
  });

  it('returns exactly the missed messages on room:join with sinceSeq', async () => {
    const [alice, bob] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob]);
    const sender = await connectSocket(url(0), alice.token);
    await ok(sender, 'room:join', { roomId: room.id });
    const before = await ok(sender, 'message:send', {
      roomId: room.id,
      clientMsgId: clientMsgId(),
      body: 'seen',
    });
    const missed: Message[] = [];
    for (let i = 0; i < 5; i++) {
      missed.push(
        (
          await ok(sender, 'message:send', {
            roomId: room.id,
            clientMsgId: clientMsgId(),
            body: `missed ${i}`,
          })
        ).message,
      );
    }
    const returning = await connectSocket(url(2), bob.token);
    const joined = await ok(returning, 'room:join', { roomId: room.id, sinceSeq: before.message.seq });
    expect(joined.missed).toEqual(missed);
    expect(joined.hasMore).toBe(false);
    expect(joined.room).toMatchObject({ id: room.id, lastSeq: 6 });
    expect((await ok(returning, 'room:join', { roomId: room.id })).missed).toEqual([]);
  });

  it('refuses a non-member’s join and send, and a send to a room not joined', async () => {
    const [alice, outsider] = [await topology.actor(), await topology.actor()];
    const publicRoom = await roomWith(alice, []);
    const privateRoom = await roomWith(alice, [], 'private');
    const socket = await connectSocket(url(1), outsider.token);
    expect(await request(socket, 'room:join', { roomId: publicRoom.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(socket, 'room:join', { roomId: privateRoom.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await request(socket, 'message:send', {
        roomId: publicRoom.id,
        clientMsgId: clientMsgId(),
        body: 'sneaky',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const history = await alice.http.get<{ items: Message[] }>(`/api/rooms/${publicRoom.id}/messages`);
    expect(history.body.items).toEqual([]);
  });

  it('stops delivering to a kicked user within 1 s, and refuses their sends', async () => {
    const [alice, bob] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob]);
    const [owner, kicked] = [
      await connectSocket(url(0), alice.token),
      await connectSocket(url(1), bob.token),
    ];
    await ok(owner, 'room:join', { roomId: room.id });
    await ok(kicked, 'room:join', { roomId: room.id });
    const removed = new Promise((resolve) => kicked.once('room:removed', resolve));
    expect((await alice.http.delete(`/api/rooms/${room.id}/members/${bob.id}`)).status).toBe(204);
    await removed;
    await eventually(
      async () => {
        const answer = await request(kicked, 'typing:start', { roomId: room.id });
        return !answer.ok && answer.error.code === 'FORBIDDEN';
      },
      1000,
      20,
    );
    // A fence: the kicked user still shares a second room with the owner, who posts there afterwards;
    // one sender's messages reach a replica in order, so the fence comes after anything the kick missed.
    const other = await roomWith(alice, [bob]);
    await ok(owner, 'room:join', { roomId: other.id });
    await ok(kicked, 'room:join', { roomId: other.id });
    const received = inbox(kicked);
    await ok(owner, 'message:send', { roomId: room.id, clientMsgId: clientMsgId(), body: 'after the kick' });
    await ok(owner, 'message:send', { roomId: other.id, clientMsgId: clientMsgId(), body: 'fence' });
    await eventually(() => received.some((message) => message.body === 'fence'), 5000);
    expect(received.map((message) => message.body)).toEqual(['fence']);
    expect(
      await request(kicked, 'message:send', {
        roomId: room.id,
        clientMsgId: clientMsgId(),
        body: 'still here?',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('disconnects the sockets of a session that logs out, and only those', async () => {
    const alice = await topology.actor();
    const other = await alice.auth.post<{ accessToken: string; refreshToken: string }>('/api/auth/login', {
      username: alice.session.user.username,
      password: 'correct horse battery',
    });
    const [loggingOut, staying] = [
      await connectSocket(url(0), alice.token),
      await connectSocket(url(1), other.body.accessToken),
    ];
    const closed = new Promise((resolve) => loggingOut.once('disconnect', resolve));
    const started = Date.now();
    expect(
      (await alice.auth.post('/api/auth/logout', { refreshToken: alice.session.refreshToken })).status,
    ).toBe(204);
    await closed;
    expect(Date.now() - started).toBeLessThan(5000);
    // The revocation has been handled by every replica that closed a socket; an ack that comes back after
    // that proves the other session's socket was left open.
    expect((await request(staying, 'presence:get', { userIds: [alice.id] })).ok).toBe(true);
    expect(staying.connected).toBe(true);
    expect(await refusal(url(2), alice.token)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a disallowed Origin (FORBIDDEN) and a bad token (UNAUTHORIZED); allows no Origin', async () => {
    const alice = await topology.actor();
    expect(await refusal(url(0), alice.token, { origin: 'https://evil.example' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(url(1), 'not-a-token')).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await refusal(url(2), '')).toMatchObject({ code: 'UNAUTHORIZED' });
    const own = new URL(url(0)).origin;
    expect((await connectSocket(url(0), alice.token, { headers: { origin: own } })).connected).toBe(true);
    expect((await connectSocket(url(0), alice.token)).connected).toBe(true);
  });

  it('checks the scheme too: a plain-http page is not the https site, and other schemes never pass', async () => {
    const alice = await topology.actor();
    const { host } = new URL(url(0));
    const overHttps = { 'x-forwarded-proto': 'https' };
    expect(await refusal(url(0), alice.token, { origin: `http://${host}`, ...overHttps })).toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const origin of [`ftp://${host}`, 'null', `https://${host}.evil.example`]) {
      expect(await refusal(url(0), alice.token, { origin })).toMatchObject({ code: 'FORBIDDEN' });
    }
    const own = await connectSocket(url(0), alice.token, {
      headers: { origin: `https://${host}`, ...overHttps },
    });
    expect(own.connected).toBe(true);
  });

  it('answers CORS on the polling transport only for origins the handshake accepts', async () => {
    const polling = `${url(0)}/socket.io/?EIO=4&transport=polling`;
    const corsOf = async (origin: string) =>
      (await fetch(polling, { headers: { origin } })).headers.get('access-control-allow-origin');
    expect(await corsOf('https://evil.example')).toBeNull();
    const own = new URL(url(0)).origin;
    expect(await corsOf(own)).toBe(own);
  });

  it('announces online and offline to users who share a room, across gateways', async () => {
    const [alice, dave] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [dave]);
    const watcher = await connectSocket(url(0), alice.token);
    await ok(watcher, 'room:join', { roomId: room.id });
    const seen: { userId: string; status: string }[] = [];
    watcher.on('presence', (entry) => seen.push(entry));
    const daveSocket = await connectSocket(url(2), dave.token);
    await eventually(() => seen.some((e) => e.userId === dave.id && e.status === 'online'), 5000);
    expect((await ok(watcher, 'presence:get', { userIds: [dave.id] })).items).toEqual([
      { userId: dave.id, status: 'online', lastSeenAt: expect.any(String) },
    ]);
    daveSocket.close();
    await eventually(() => seen.some((e) => e.userId === dave.id && e.status === 'offline'), 5000);
    const after = (await ok(watcher, 'presence:get', { userIds: [dave.id, '000000000000000000000000'] }))
      .items;
    expect(after).toEqual([
      { userId: dave.id, status: 'offline', lastSeenAt: expect.any(String) },
      { userId: '000000000000000000000000', status: 'offline', lastSeenAt: null },
    ]);
    expect(await request(watcher, 'presence:get', { userIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('shows typing to the others and expires it after 6 s without a new start', async () => {
    const [alice, bob] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob]);
    const [typist, reader] = [
      await connectSocket(url(0), alice.token),
      await connectSocket(url(1), bob.token),
    ];
    await ok(typist, 'room:join', { roomId: room.id });
    await ok(reader, 'room:join', { roomId: room.id });
    const events: { typing: boolean; at: number }[] = [];
    reader.on('typing', (event) => events.push({ typing: event.typing, at: Date.now() }));
    const ownEcho: unknown[] = [];
    typist.on('typing', (event) => ownEcho.push(event));
    const started = Date.now();
    await ok(typist, 'typing:start', { roomId: room.id });
    await eventually(() => events.length === 1, 2000);
    expect(events[0].typing).toBe(true);
    await eventually(() => events.length === 2, 8000);
    expect(events[1].typing).toBe(false);
    expect(events[1].at - started).toBeGreaterThanOrEqual(5500);
    expect(ownEcho).toEqual([]);
  }, 15_000);

  it('answers a flood with RATE_LIMITED while another user still acks in under 1 s', async () => {
    const [flooder, calm] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(flooder, [calm]);
    const [loud, quiet] = [
      await connectSocket(url(0), flooder.token),
      await connectSocket(url(0), calm.token),
    ];
    await ok(loud, 'room:join', { roomId: room.id });
    await ok(quiet, 'room:join', { roomId: room.id });
    const flood = Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        request(loud, 'message:send', {
          roomId: room.id,
          clientMsgId: `flood-${i}-${Date.now()}`,
          body: 'spam',
        }),
      ),
    );
    const started = Date.now();
    const calmAck = await ok(quiet, 'message:send', {
      roomId: room.id,
      clientMsgId: clientMsgId('calm'),
      body: 'calm',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calmAck.message.senderId).toBe(calm.id);
    const answers = await flood;
    const limited = answers.filter((answer) => !answer.ok && answer.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(250);
    expect(limited[0]).toMatchObject({ ok: false, error: { retryAfterMs: expect.any(Number) } });
  });

  it('refuses bad payloads with typed acks, closes a connection on an oversized frame, and keeps serving', async () => {
    const alice = await topology.actor();
    const room = await roomWith(alice, []);
    const socket = await connectSocket(url(1), alice.token);
    await ok(socket, 'room:join', { roomId: room.id });
    const bad = (payload: unknown) => request(socket, 'message:send', payload as never);
    expect(await bad({ roomId: room.id, clientMsgId: clientMsgId(), body: 'x'.repeat(4001) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await bad({ roomId: room.id, clientMsgId: 'short', body: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await bad({ roomId: room.id, clientMsgId: clientMsgId(), body: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await bad({ roomId: { $ne: null }, clientMsgId: clientMsgId(), body: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await bad({ roomId: room.id, clientMsgId: clientMsgId(), body: 'hi', admin: true })).toMatchObject(
      { ok: false, error: { code: 'VALIDATION_FAILED' } },
    );
    expect(await bad('not an object')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const errors: unknown[] = [];
    socket.on('error' as never, ((payload: unknown) => errors.push(payload)) as never);
    emitRaw(socket, 'message:send', { roomId: room.id });
    await eventually(() => errors.length === 1, 2000);
    expect(errors[0]).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(
      (
        await ok(socket, 'message:send', {
          roomId: room.id,
          clientMsgId: clientMsgId(),
          body: '😀'.repeat(4000),
        })
      ).message.body,
    ).toHaveLength(8000);

    const victim = await connectSocket(url(1), alice.token);
    const closed = new Promise((resolve) => victim.once('disconnect', resolve));
    emitRaw(victim, 'message:send', {
      roomId: room.id,
      clientMsgId: clientMsgId(),
      body: 'y'.repeat(70_000),
    });
    await closed;
    expect(
      (
        await ok(socket, 'message:send', {
          roomId: room.id,
          clientMsgId: clientMsgId(),
          body: 'still serving',
        })
      ).message.seq,
    ).toBeGreaterThan(0);
  });

  it('edits, reacts to and deletes messages, with the events in the room', async () => {
    const [alice, bob] = [await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob]);
    const [author, other] = [
      await connectSocket(url(0), alice.token),
      await connectSocket(url(2), bob.token),
    ];
    await ok(author, 'room:join', { roomId: room.id });
    await ok(other, 'room:join', { roomId: room.id });
    const updates: Message[] = [];
    const deletions: unknown[] = [];
    other.on('message:updated', (message) => updates.push(message));
    other.on('message:deleted', (event) => deletions.push(event));
    const { message } = await ok(author, 'message:send', {
      roomId: room.id,
      clientMsgId: clientMsgId(),
      body: 'draft',
    });
    expect(
      await request(other, 'message:edit', { roomId: room.id, messageId: message.id, body: 'hijack' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      (await ok(author, 'message:edit', { roomId: room.id, messageId: message.id, body: 'final' })).message
        .body,
    ).toBe('final');
    expect(
      (await ok(other, 'reaction:add', { roomId: room.id, messageId: message.id, emoji: '🎉' })).message
        .reactions,
    ).toEqual({ '🎉': [bob.id] });
    expect(
      (await ok(other, 'reaction:remove', { roomId: room.id, messageId: message.id, emoji: '🎉' })).message
        .reactions,
    ).toEqual({});
    expect(await request(other, 'message:delete', { roomId: room.id, messageId: message.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ok(author, 'message:delete', { roomId: room.id, messageId: message.id })).toEqual({});
    await eventually(() => updates.length === 3 && deletions.length === 1, 3000);
    expect(deletions[0]).toMatchObject({
      roomId: room.id,
      messageId: message.id,
      seq: message.seq,
      rev: updates[2].rev + 1,
      deleted: true,
      body: '',
      message: { id: message.id, deleted: true, body: '', rev: updates[2].rev + 1 },
    });
    expect(updates.map((update) => update.rev)).toEqual([message.rev + 1, message.rev + 2, message.rev + 3]);
    expect((await ok(author, 'read:mark', { roomId: room.id, seq: 99 })).lastReadSeq).toBe(message.seq);
  });

  it('exposes open sockets and handled events on /metrics', async () => {
    const alice = await topology.actor();
    const socket = await connectSocket(url(0), alice.token);
    await request(socket, 'presence:get', { userIds: [alice.id] });
    const metrics = await fetch(`${url(0)}/metrics`).then((response) => response.text());
    const open = Number(/^chat_gateway_connected_sockets (\d+)/m.exec(metrics)?.[1]);
    expect(open).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/chat_gateway_events_total\{event="presence:get",outcome="ok"\} \d+/);
  });

  it('delivers announcements to every connected socket', async () => {
    const [admin, someone] = [await topology.admin(), await topology.actor()];
    const sockets = [
      await connectSocket(url(0), someone.token),
      await connectSocket(url(1), someone.token),
      await connectSocket(url(2), admin.token),
    ];
    const heard = sockets.map((socket) => new Promise((resolve) => socket.once('announcement', resolve)));
    const published = await admin.http.post('/api/announcements', { text: 'to everyone' });
    expect(published.status).toBe(201);
    expect(await Promise.all(heard)).toEqual([published.body, published.body, published.body]);
  });
}
