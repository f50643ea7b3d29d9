import type { Message, Room, RoomNotifications, Session } from '@chat/contracts';
import { connectSocket, request, type ChatClient } from '../support/sockets';
import { standaloneForSuite } from '../support/standalone-process';
import { registerUser, uniqueName } from '../support/users';

/** PROTOCOL.md 1.1 "Mentions and notifications": what the server stores and lets members set. */
describe('mentions and notification levels (standalone)', () => {
  const suite = standaloneForSuite('mentions');
  let owner: Session;
  let member: Session;
  let outsider: Session;
  let room: Room;
  let ownerSocket: ChatClient;
  let memberSocket: ChatClient;
  const as = (session: Session) => suite.http.withToken(session.accessToken);

  beforeAll(async () => {
    [owner, member, outsider] = await Promise.all(
      ['owner', 'member', 'outsider'].map((name) => registerUser(suite.http, uniqueName(name))),
    );
    room = (await as(owner).post<Room>('/api/rooms', { name: 'Mentions', visibility: 'public' })).body;
    await as(member).post(`/api/rooms/${room.id}/join`);
    ownerSocket = await connectSocket(suite.http.baseUrl, owner.accessToken);
    memberSocket = await connectSocket(suite.http.baseUrl, member.accessToken);
    for (const socket of [ownerSocket, memberSocket])
      expect((await request(socket, 'room:join', { roomId: room.id })).ok).toBe(true);
  });
  afterAll(() => {
    ownerSocket?.close();
    memberSocket?.close();
  });

  const send = (socket: ChatClient, body: string) =>
    request(socket, 'message:send', {
      roomId: room.id,
      clientMsgId: uniqueName('m').replace(/[^A-Za-z0-9_-]/g, ''),
      body,
    });

  it('resolves @username to the ids of members only, once each, whatever the case', async () => {
    const body = `hi @${member.user.username.toUpperCase()} and @${outsider.user.username}, @nobody_here; @${member.user.username}.`;
    const delivered = new Promise<Message>((resolve) => memberSocket.once('message:new', resolve));
    const sent = await send(ownerSocket, body);
    expect(sent).toMatchObject({ ok: true, data: { message: { mentions: [member.user.id] } } });
    expect((await delivered).mentions).toEqual([member.user.id]);
    const history = await as(member).get<{ items: Message[] }>(`/api/rooms/${room.id}/messages`);
    expect(history.body.items.at(-1)?.mentions).toEqual([member.user.id]);
    expect(await send(ownerSocket, 'mail me at someone@example.com')).toMatchObject({
      ok: true,
      data: { message: { mentions: [] } },
    });
  });

  it("resolves the mentions of an edited body again, and refuses @room in a member's edit", async () => {
    const sent = await send(memberSocket, 'no one named yet');
    if (!sent.ok) throw new Error('send refused');
    const edit = (body: string) =>
      request(memberSocket, 'message:edit', { roomId: room.id, messageId: sent.data.message.id, body });
    expect(await edit(`now naming @${owner.user.username}`)).toMatchObject({
      ok: true,
      data: { message: { mentions: [owner.user.id] } },
    });
    expect(await edit('@room everyone')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await edit('named no more')).toMatchObject({ ok: true, data: { message: { mentions: [] } } });
  });

  it('lets owners and admins use @room, and refuses it to other members', async () => {
    expect((await send(ownerSocket, 'lunch, @room?')).ok).toBe(true);
    expect(await send(memberSocket, 'hey @room')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('defaults to mentions in a room and all in a direct room, and keeps what a member sets', async () => {
    expect((await as(member).get<RoomNotifications>(`/api/rooms/${room.id}/notifications`)).body).toEqual({
      roomId: room.id,
      level: 'mentions',
    });
    const dm = (await as(member).post<Room>('/api/dm', { userId: owner.user.id })).body;
    expect((await as(member).get<RoomNotifications>(`/api/rooms/${dm.id}/notifications`)).body.level).toBe(
      'all',
    );

    const set = await suite.http
      .withToken(member.accessToken)
      .send<RoomNotifications>('PUT', `/api/rooms/${room.id}/notifications`, { level: 'none' });
    expect(set).toMatchObject({ status: 200, body: { roomId: room.id, level: 'none' } });
    expect((await as(member).get<RoomNotifications>(`/api/rooms/${room.id}/notifications`)).body.level).toBe(
      'none',
    );
    // Another member's level is theirs alone.
    expect((await as(owner).get<RoomNotifications>(`/api/rooms/${room.id}/notifications`)).body.level).toBe(
      'mentions',
    );
  });

  it('refuses a bad level, extra fields and non-members', async () => {
    const put = (session: Session, body: unknown) =>
      suite.http.withToken(session.accessToken).send('PUT', `/api/rooms/${room.id}/notifications`, body);
    expect(await put(member, { level: 'loud' })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    expect((await put(member, {})).status).toBe(400);
    expect((await put(member, { level: 'all', extra: 1 })).status).toBe(400);
    expect([403, 404]).toContain((await put(outsider, { level: 'all' })).status);
    expect([403, 404]).toContain((await as(outsider).get(`/api/rooms/${room.id}/notifications`)).status);
  });
});
