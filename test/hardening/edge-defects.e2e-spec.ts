import type { Message, MessagePage, Room, Session } from '@chat/contracts';
import { connectSocket, request, type ChatClient } from '../support/sockets';
import { standaloneForSuite } from '../support/standalone-process';
import { ownerMemberAndRoom, PASSWORD, registerUser, uniqueName } from '../support/users';

/**
 * Defects a hostile review found, each as a class: the black-box inputs that showed them, and others of
 * the same class, against the built single process.
 */
describe('hardening: inputs at the edge (the built standalone server)', () => {
  const suite = standaloneForSuite('hardening', { RATE_LIMIT_REGISTER_PER_MINUTE: '100000' });
  const http = () => suite.http;
  let owner: Session;
  let member: Session;
  let room: Room;
  let ownerSocket: ChatClient;

  beforeAll(async () => {
    ({ owner, member, room } = await ownerMemberAndRoom(http(), 'edge'));
    ownerSocket = await connectSocket(http().baseUrl, owner.accessToken);
    expect((await request(ownerSocket, 'room:join', { roomId: room.id })).ok).toBe(true);
  });

  afterAll(() => ownerSocket?.close());

  async function send(body: string): Promise<Message> {
    const ack = await request(ownerSocket, 'message:send', {
      roomId: room.id,
      clientMsgId: uniqueName('msg'),
      body,
    });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.data.message;
  }

  it('keeps history readable whatever emoji names an Object.prototype member, and refuses what is no emoji', async () => {
    const message = await send('react to me');
    for (const emoji of ['toString', 'valueOf', '👍', '🇫🇷', '👨‍👩‍👧‍👦']) {
      const ack = await request(ownerSocket, 'reaction:add', {
        roomId: room.id,
        messageId: message.id,
        emoji,
      });
      expect(ack.ok).toBe(true);
    }
    for (const emoji of ['constructor', '__proto__', 'two words', 'a\u202eb', 'x\u0007']) {
      const ack = await request(ownerSocket, 'reaction:add', {
        roomId: room.id,
        messageId: message.id,
        emoji,
      });
      expect(ack.ok ? 'accepted' : ack.error.code).toBe('VALIDATION_FAILED');
    }
    const history = await http()
      .withToken(owner.accessToken)
      .get<MessagePage>(`/api/rooms/${room.id}/messages`);
    expect(history.status).toBe(200);
    const stored = history.body.items.find((item) => item.id === message.id)!;
    expect(Object.keys(stored.reactions).sort()).toEqual(['toString', 'valueOf', '👍', '🇫🇷', '👨‍👩‍👧‍👦'].sort());
    const deleted = await request(ownerSocket, 'message:delete', { roomId: room.id, messageId: message.id });
    expect(deleted.ok).toBe(true);
  });

  it('treats an id in any letter case as the one canonical id', async () => {
    const asMember = http().withToken(member.accessToken);
    expect((await asMember.post(`/api/rooms/${room.id.toUpperCase()}/join`)).status).toBe(200);
    expect((await asMember.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    const seen = await asMember.get<Room>(`/api/rooms/${room.id.toUpperCase()}`);
    expect(seen.body).toMatchObject({ id: room.id, memberCount: 2 });

    const self = await asMember.post('/api/dm', { userId: member.user.id.toUpperCase() });
    expect(self.status).toBe(400);
    const dm = await asMember.post<Room>('/api/dm', { userId: owner.user.id.toUpperCase() });
    expect(dm.status).toBe(200);
    expect(dm.body.memberIds).toEqual([member.user.id, owner.user.id].sort());

    const socket = await connectSocket(http().baseUrl, member.accessToken);
    expect((await request(socket, 'room:join', { roomId: room.id.toUpperCase() })).ok).toBe(true);
    const sent = await request(socket, 'message:send', {
      roomId: room.id.toUpperCase(),
      clientMsgId: uniqueName('upper'),
      body: 'through an upper-case id',
    });
    socket.close();
    expect(sent.ok && sent.data.message.roomId).toBe(room.id);
  });

  it('answers malformed paths without a server error', async () => {
    for (const path of [
      '/%ff',
      '/%',
      '/api/rooms/%ff',
      '/api/%E0%A4%A',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    ]) {
      const response = await fetch(`${http().baseUrl}${path}`, {
        headers: { authorization: `Bearer ${owner.accessToken}` },
      });
      await response.arrayBuffer();
      expect([path, response.status < 500]).toEqual([path, true]);
    }
  });

  it('refuses control and bidi characters in names and topics', async () => {
    const asOwner = http().withToken(owner.accessToken);
    for (const body of [
      { name: 'evil\u202etxt.exe', visibility: 'public' },
      { name: 'bell\u0007', visibility: 'public' },
      { name: 'ok', topic: 'line\u2066isolate', visibility: 'public' },
      { name: 'c1\u0085', visibility: 'public' },
    ]) {
      const created = await asOwner.post<{ error: { code: string } }>('/api/rooms', body);
      expect([created.status, created.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const registered = await http().post('/api/auth/register', {
      username: uniqueName('bidi'),
      password: PASSWORD,
      displayName: 'admin\u202e',
    });
    expect(registered.status).toBe(400);
  });

  it('tells presence only to those who share a room with the user', async () => {
    const stranger = await registerUser(http(), uniqueName('stranger'));
    const socket = await connectSocket(http().baseUrl, stranger.accessToken);
    const answer = await request(socket, 'presence:get', { userIds: [owner.user.id, stranger.user.id] });
    socket.close();
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    const byUser = new Map(answer.data.items.map((item) => [item.userId, item]));
    expect(byUser.get(owner.user.id)).toEqual({ userId: owner.user.id, status: 'offline', lastSeenAt: null });
    expect(byUser.get(stranger.user.id)?.status).toBe('online');
    const memberSocket = await connectSocket(http().baseUrl, member.accessToken);
    const peer = await request(memberSocket, 'presence:get', { userIds: [owner.user.id] });
    memberSocket.close();
    expect(peer.ok && peer.data.items[0].status).toBe('online');
  });

  it('answers the owner removing themself with 403: nobody removes the owner', async () => {
    const removed = await http()
      .withToken(owner.accessToken)
      .delete(`/api/rooms/${room.id}/members/${owner.user.id}`);
    expect(removed.status).toBe(403);
  });

  it('checks no more passwords than the login limit allows, however many attempts run at once', async () => {
    const victim = await registerUser(http(), uniqueName('victim'));
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () =>
        http().post('/api/auth/login', { username: victim.user.username, password: 'wrong password!' }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(30);
    const right = await http().post('/api/auth/login', {
      username: victim.user.username,
      password: PASSWORD,
    });
    expect(right.status).toBe(429);
  });
});
