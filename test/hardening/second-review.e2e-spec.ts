import type { Member, Message, Page, Room, Session } from '@chat/contracts';
import { closeAllSockets, connectSocket, nextEvent, request } from '../support/sockets';
import { standaloneForSuite } from '../support/standalone-process';
import { ownerMemberAndRoom, PASSWORD, registerUser, uniqueName } from '../support/users';

const ADMIN = uniqueName('root');

function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/**
 * New members of the defect classes of the first hardening round, found by a second hostile review,
 * against the built single process.
 */
describe('hardening: the second review', () => {
  const suite = standaloneForSuite('second-review', {
    RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
    ADMIN_USERNAME: ADMIN,
    ADMIN_PASSWORD: PASSWORD,
  });
  const http = () => suite.http;
  let owner: Session;
  let member: Session;
  let room: Room;

  beforeAll(async () => {
    ({ owner, member, room } = await ownerMemberAndRoom(http(), 'review'));
    await http().withToken(member.accessToken).post(`/api/rooms/${room.id}/join`);
  });
  afterAll(() => closeAllSockets());

  it('refuses deeply nested input with 400 before it reaches recursive code, over HTTP and sockets', async () => {
    const login = await http().send('POST', '/api/auth/login', undefined, `{"username":${nestedJson(8000)}}`);
    expect(login.status).toBe(400);
    expect((await http().get('/healthz')).status).toBe(200);
    const socket = await connectSocket(http().baseUrl, owner.accessToken);
    const payload: unknown = JSON.parse(`{"roomId":${nestedJson(2500)}}`);
    const ack = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
      (socket.emit as unknown as (e: string, p: unknown, a: (x: never) => void) => void)(
        'message:edit',
        payload,
        resolve,
      ),
    );
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses keys that name a prototype, in bodies, queries and socket payloads', async () => {
    const as = http().withToken(owner.accessToken);
    const body = await as.send(
      'POST',
      '/api/rooms',
      undefined,
      '{"name":"p","visibility":"public","__proto__":{"x":1}}',
    );
    expect(body.status).toBe(400);
    expect((await as.get('/api/rooms?__proto__=1')).status).toBe(400);
    const socket = await connectSocket(http().baseUrl, owner.accessToken);
    const ack = await request(
      socket,
      'typing:start',
      JSON.parse(`{"roomId":"${room.id}","constructor":1}`) as never,
    );
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('charges invalid socket events to the rate limit, and answers unknown events', async () => {
    const flooder = await registerUser(http(), uniqueName('flood'));
    const socket = await connectSocket(http().baseUrl, flooder.accessToken);
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => request(socket, 'typing:start', { bad: 1 } as never)),
    );
    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.error.code));
    expect(codes).toContain('RATE_LIMITED');
    const unknown = await new Promise<unknown>((resolve) =>
      (socket.emit as unknown as (e: string, p: unknown, a: (x: unknown) => void) => void)(
        'no:such',
        {},
        resolve,
      ),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers null for an optional field with 400, never 500', async () => {
    const as = http().withToken(owner.accessToken);
    for (const field of ['name', 'topic', 'visibility', 'ownerId']) {
      const answer = await as.patch(`/api/rooms/${room.id}`, { [field]: null });
      expect([field, answer.status]).toEqual([field, 400]);
    }
  });

  it('takes only real instants with a zone as an announcement expiry', async () => {
    const admin = await http().post<Session>('/api/auth/login', { username: ADMIN, password: PASSWORD });
    const as = http().withToken(admin.body.accessToken);
    for (const expiresAt of ['2030-W01-1', '2030-01-01T00:00:00', '2030-02-31T00:00:00Z', '2030-01-01']) {
      expect([expiresAt, (await as.post('/api/announcements', { text: 'x', expiresAt })).status]).toEqual([
        expiresAt,
        400,
      ]);
    }
    expect(
      (await as.post('/api/announcements', { text: 'ok', expiresAt: '2030-01-01T00:00:00+02:00' })).status,
    ).toBe(201);
  });

  it('searches through control characters without a server error', async () => {
    const as = http().withToken(owner.accessToken);
    for (const q of ['%00', 'a%00b', '%E2%80%AE'])
      expect((await as.get(`/api/rooms/${room.id}/messages/search?q=${q}`)).status).toBe(200);
  });

  it('answers a body that fails to inflate with 400', async () => {
    const response = await fetch(`${http().baseUrl}/api/rooms`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner.accessToken}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: '{"name":"plain","visibility":"public"}',
    });
    expect(response.status).toBe(400);
  });

  it('refuses invisible, separating and stacked characters in names, and half surrogate pairs anywhere', async () => {
    const as = http().withToken(owner.accessToken);
    for (const name of [
      'a\u2028b',
      '\u200B',
      '\u3164',
      '\u2800',
      'a\u0301\u0301\u0301\u0301\u0301',
      'x\udc00y',
    ])
      expect([name, (await as.post('/api/rooms', { name, visibility: 'public' })).status]).toEqual([
        name,
        400,
      ]);
    const socket = await connectSocket(http().baseUrl, owner.accessToken);
    await request(socket, 'room:join', { roomId: room.id });
    const send = await request(socket, 'message:send', {
      roomId: room.id,
      clientMsgId: uniqueName('half').replace(/[^A-Za-z0-9_-]/g, ''),
      body: 'half \udc00 pair',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('bounds the reactions one user adds to a message', async () => {
    const socket = await connectSocket(http().baseUrl, owner.accessToken);
    await request(socket, 'room:join', { roomId: room.id });
    const sent = await request(socket, 'message:send', {
      roomId: room.id,
      clientMsgId: uniqueName('react').replace(/[^A-Za-z0-9_-]/g, ''),
      body: 'react',
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    const ref = { roomId: room.id, messageId: sent.data.message.id };
    for (let i = 0; i < 20; i++)
      expect((await request(socket, 'reaction:add', { ...ref, emoji: `e${i}` })).ok).toBe(true);
    expect(await request(socket, 'reaction:add', { ...ref, emoji: 'one-more' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('brings back a user who left a direct room as a new member, with room:invited, keeping the count true', async () => {
    const [caller, left] = [await registerUser(http()), await registerUser(http())];
    const dm = (await http().withToken(caller.accessToken).post<Room>('/api/dm', { userId: left.user.id }))
      .body;
    const callerSocket = await connectSocket(http().baseUrl, caller.accessToken);
    await request(callerSocket, 'room:join', { roomId: dm.id });
    await request(callerSocket, 'message:send', {
      roomId: dm.id,
      clientMsgId: 'dm-before-leave',
      body: 'hi',
    });
    expect((await http().withToken(left.accessToken).post(`/api/rooms/${dm.id}/leave`)).status).toBe(204);
    const leftSocket = await connectSocket(http().baseUrl, left.accessToken);
    const invited = nextEvent(leftSocket, 'room:invited');
    const reopened = await http()
      .withToken(caller.accessToken)
      .post<Room>('/api/dm', { userId: left.user.id });
    expect(reopened.body.id).toBe(dm.id);
    expect(reopened.body.memberCount).toBe(2);
    expect((await invited).id).toBe(dm.id);
    const members = await http()
      .withToken(caller.accessToken)
      .get<Page<Member>>(`/api/rooms/${dm.id}/members`);
    expect(members.body.items).toHaveLength(2);
    // A new member starts with everything before their arrival read.
    const asLeft = await http()
      .withToken(left.accessToken)
      .get<Room & { lastReadSeq: number }>(`/api/rooms/${dm.id}`);
    expect(asLeft.body.lastReadSeq).toBe(asLeft.body.lastSeq);
    expect(asLeft.body.lastSeq).toBe(1);
  });

  it('answers an over-long id as a missing one (404), not as bad input', async () => {
    const as = http().withToken(owner.accessToken);
    expect((await as.get(`/api/users/${'a'.repeat(65)}`)).status).toBe(404);
    expect((await as.get(`/api/rooms/${'a'.repeat(500)}`)).status).toBe(404);
    const history = await as.get<{ items: Message[] }>(`/api/rooms/${room.id}/messages`);
    expect(history.status).toBe(200);
  });
});
