import type { Message, MessagePage, Room } from '@chat/contracts';
import { flushTestRedis } from '@chat/testing';
import { closeAllSockets, connectSocket, eventually, ok, type ChatClient } from './sockets';
import type { ChatTopology, SocketActor } from './topology';

let ids = 0;
const clientMsgId = () => `rev-${Date.now().toString(36)}-${(ids += 1)}`;

/** What a client shows of one room, built only from what the server sent it. */
class RoomView {
  readonly messages = new Map<string, Message>();
  lastSeq = 0;
  lastRev = 0;

  apply(message: Message): void {
    const known = this.messages.get(message.id);
    if (!known || known.rev < message.rev) this.messages.set(message.id, message);
    this.lastSeq = Math.max(this.lastSeq, message.seq);
  }

  listen(socket: ChatClient): void {
    socket.on('message:new', (message) => this.live(message));
    socket.on('message:updated', (message) => this.live(message));
    socket.on('message:deleted', (event) => this.live(event.message));
  }

  /** A naive client's high-water mark: the highest rev it has seen. */
  private live(message: Message): void {
    this.apply(message);
    this.lastRev = Math.max(this.lastRev, message.rev);
  }

  sorted(): Message[] {
    return [...this.messages.values()].sort((a, b) => a.seq - b.seq);
  }
}

/** Every message of the room as the server holds it now, ascending by seq. */
async function serverHistory(actor: SocketActor, roomId: string): Promise<Message[]> {
  const all: Message[] = [];
  for (let afterSeq = 0; ;) {
    const page = (
      await actor.http.get<MessagePage>(`/api/rooms/${roomId}/messages?afterSeq=${afterSeq}&limit=100`)
    ).body;
    all.push(...page.items);
    if (!page.hasMore || page.items.length === 0) return all;
    afterSeq = page.items[page.items.length - 1].seq;
  }
}

/**
 * PROTOCOL.md 1.1, changes and their recovery: revs, `room:join {sinceRev}` → `changed`, and
 * `afterRev` history pages. Run on the 3-gateway cluster and on the standalone server.
 */
export function describeChangeRecovery(start: () => Promise<ChatTopology>): void {
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

  async function roomWith(owner: SocketActor, members: SocketActor[]): Promise<Room> {
    const room = (await owner.http.post<Room>('/api/rooms', { name: 'revs', visibility: 'private' })).body;
    for (const member of members)
      await owner.http.post(`/api/rooms/${room.id}/members`, { userId: member.id });
    return room;
  }

  it('brings a client that slept through edits, deletions and reactions to the server’s exact state', async () => {
    const [alice, bob, carol] = [await topology.actor(), await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob, carol]);
    const author = await connectSocket(url(1), alice.token);
    const reactor = await connectSocket(url(2), carol.token);
    await ok(author, 'room:join', { roomId: room.id });
    await ok(reactor, 'room:join', { roomId: room.id });

    const view = new RoomView();
    const sleeper = await connectSocket(url(0), bob.token);
    view.listen(sleeper);
    await ok(sleeper, 'room:join', { roomId: room.id });
    const known: Message[] = [];
    for (let i = 0; i < 5; i++)
      known.push(
        (await ok(author, 'message:send', { roomId: room.id, clientMsgId: clientMsgId(), body: `m${i}` }))
          .message,
      );
    await ok(reactor, 'reaction:add', { roomId: room.id, messageId: known[3].id, emoji: '👀' });
    await eventually(() => view.lastRev === known[4].rev + 1, 5000, 10);
    sleeper.disconnect();

    const acks: Message[] = [];
    acks.push(
      (await ok(author, 'message:edit', { roomId: room.id, messageId: known[0].id, body: 'm0 edited' }))
        .message,
    );
    acks.push(
      (await ok(author, 'message:edit', { roomId: room.id, messageId: known[1].id, body: 'm1 edited' }))
        .message,
    );
    await ok(author, 'message:delete', { roomId: room.id, messageId: known[2].id });
    acks.push(
      (await ok(reactor, 'reaction:add', { roomId: room.id, messageId: known[1].id, emoji: '🎉' })).message,
    );
    acks.push(
      (await ok(author, 'reaction:add', { roomId: room.id, messageId: known[4].id, emoji: '👍' })).message,
    );
    acks.push(
      (await ok(reactor, 'reaction:remove', { roomId: room.id, messageId: known[3].id, emoji: '👀' }))
        .message,
    );
    for (let i = 0; i < 3; i++)
      acks.push(
        (await ok(author, 'message:send', { roomId: room.id, clientMsgId: clientMsgId(), body: `new${i}` }))
          .message,
      );
    const revs = acks.map((message) => message.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
    expect(new Set(revs).size).toBe(revs.length);

    const back = await connectSocket(url(2), bob.token);
    const joined = await ok(back, 'room:join', {
      roomId: room.id,
      sinceSeq: view.lastSeq,
      sinceRev: view.lastRev,
    });
    expect(joined.hasMore).toBe(false);
    expect(joined.missed.map((message) => message.body)).toEqual(['new0', 'new1', 'new2']);
    // Oldest change first, and never a message already in `missed`.
    expect(joined.changed?.map((message) => message.id)).toEqual([
      known[0].id,
      known[2].id,
      known[1].id,
      known[4].id,
      known[3].id,
    ]);
    expect(joined.changed?.find((message) => message.id === known[2].id)).toMatchObject({
      deleted: true,
      body: '',
    });
    expect(joined.revThrough).toBe(Math.max(...revs));
    for (const message of [...joined.missed, ...(joined.changed ?? [])]) view.apply(message);
    expect(view.sorted()).toEqual(await serverHistory(alice, room.id));

    // Nothing changed since: the same resume answers nothing new.
    const again = await ok(back, 'room:join', { roomId: room.id, sinceSeq: 8, sinceRev: joined.revThrough });
    expect(again).toMatchObject({ missed: [], changed: [], hasMore: false, revThrough: joined.revThrough });
  });

  it('pages changes by rev over HTTP with afterRev, and refuses mixed cursors', async () => {
    const [alice] = [await topology.actor()];
    const room = await roomWith(alice, []);
    const socket = await connectSocket(url(0), alice.token);
    await ok(socket, 'room:join', { roomId: room.id });
    const sent: Message[] = [];
    for (let i = 0; i < 6; i++)
      sent.push(
        (await ok(socket, 'message:send', { roomId: room.id, clientMsgId: clientMsgId(), body: `p${i}` }))
          .message,
      );
    await ok(socket, 'message:edit', { roomId: room.id, messageId: sent[0].id, body: 'p0 again' });
    const seen: Message[] = [];
    let afterRev = 0;
    for (let pages = 0; pages < 10; pages++) {
      const page = (
        await alice.http.get<MessagePage>(`/api/rooms/${room.id}/messages?afterRev=${afterRev}&limit=4`)
      ).body;
      seen.push(...page.items);
      expect(page.revThrough).toBeGreaterThanOrEqual(afterRev);
      afterRev = page.revThrough!;
      if (!page.hasMore) break;
    }
    expect(seen.map((message) => message.body)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p0 again']);
    expect(seen.map((message) => message.rev)).toEqual([2, 3, 4, 5, 6, 7]);
    const mixed = await alice.http.get(`/api/rooms/${room.id}/messages?afterRev=1&afterSeq=1`);
    expect(mixed.status).toBe(400);
    expect((await alice.http.get(`/api/rooms/${room.id}/messages?afterRev=-1`)).status).toBe(400);
  });

  it('gives 300 concurrent changes through every gateway distinct revs, each reflected', async () => {
    const [alice, bob, carol] = [await topology.actor(), await topology.actor(), await topology.actor()];
    const room = await roomWith(alice, [bob, carol]);
    const actors = [alice, bob, carol];
    const sockets = await Promise.all(actors.map((actor, index) => connectSocket(url(index), actor.token)));
    for (const socket of sockets) await ok(socket, 'room:join', { roomId: room.id });
    const targets: Message[] = [];
    for (let i = 0; i < 3; i++)
      targets.push(
        (await ok(sockets[0], 'message:send', { roomId: room.id, clientMsgId: clientMsgId(), body: `t${i}` }))
          .message,
      );
    const startRev = Math.max(...targets.map((message) => message.rev));

    const acks = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const socket = sockets[i % 3];
        const messageId = targets[Math.floor(i / 3) % 3].id;
        if (i % 3 === 0 && i % 5 === 0)
          return (await ok(socket, 'message:edit', { roomId: room.id, messageId, body: `edit ${i}` }))
            .message;
        return (await ok(socket, 'reaction:add', { roomId: room.id, messageId, emoji: `r${i % 4}` })).message;
      }),
    );
    const revs = acks.map((message) => message.rev).sort((a, b) => a - b);
    expect(new Set(revs).size).toBe(300);
    expect(revs[0]).toBeGreaterThan(startRev);

    // Replaying the changes by rev from the start ends in the server's state, every reaction included.
    const replay = new RoomView();
    let afterRev = 0;
    for (;;) {
      const page = (
        await alice.http.get<MessagePage>(`/api/rooms/${room.id}/messages?afterRev=${afterRev}&limit=100`)
      ).body;
      for (const message of page.items) replay.apply(message);
      afterRev = page.revThrough!;
      if (!page.hasMore) break;
    }
    expect(afterRev).toBe(revs[revs.length - 1]);
    const history = await serverHistory(alice, room.id);
    expect(replay.sorted()).toEqual(history);
    const reactions = history.reduce(
      (sum, message) => sum + Object.values(message.reactions).reduce((n, users) => n + users.length, 0),
      0,
    );
    // Each user adds each emoji to each message once at most: the distinct (message, emoji, user) triples.
    const triples = new Set(
      Array.from({ length: 300 }, (_, i) => i)
        .filter((i) => !(i % 3 === 0 && i % 5 === 0))
        .map((i) => `${Math.floor(i / 3) % 3}:${i % 4}:${i % 3}`),
    );
    expect(reactions).toBe(triples.size);
  });
}
