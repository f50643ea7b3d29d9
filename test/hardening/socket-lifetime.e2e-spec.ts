import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sign } from 'jsonwebtoken';
import type { Room, Session } from '@chat/contracts';
import { decodeJwt } from '../support/jwt-forgery';
import { closeAllSockets, connectSocket, nextEvent, request, type ChatClient } from '../support/sockets';
import { standaloneForSuite } from '../support/standalone-process';
import { ownerMemberAndRoom, uniqueName } from '../support/users';

const AUDIT_MS = 1000;

/**
 * A socket keeps only what its handshake proved while it stays true: the token's lifetime, the session,
 * and each joined room's membership. Against the built single process, with a short audit interval.
 */
describe('hardening: a socket outlives neither its token nor its membership', () => {
  const suite = standaloneForSuite('socket-lifetime', { SOCKET_AUDIT_MS: String(AUDIT_MS) });
  const http = () => suite.http;
  let member: Session;
  let room: Room;

  beforeAll(async () => {
    ({ member, room } = await ownerMemberAndRoom(http(), 'life'));
    await http().withToken(member.accessToken).post(`/api/rooms/${room.id}/join`);
  });

  afterAll(() => closeAllSockets());

  /** The session's own token, re-signed by the server's key with a short life (the TTL floor is 30 s). */
  function shortLivedToken(session: Session, lifetimeSeconds: number): { token: string; expiresAt: number } {
    const keys = join(suite.dataDir, 'keys');
    const newest = readdirSync(keys)
      .filter((name) => name.endsWith('.pem'))
      .sort()
      .at(-1)!;
    const { header, payload } = decodeJwt(session.accessToken);
    const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
    const token = sign({ ...payload, exp }, readFileSync(join(keys, newest), 'utf8'), {
      algorithm: 'RS256',
      keyid: header.kid as string,
    });
    return { token, expiresAt: exp * 1000 };
  }

  it('tells a socket auth:expired when its token expires, and disconnects it', async () => {
    const { token, expiresAt } = shortLivedToken(member, 3);
    const socket = await connectSocket(http().baseUrl, token);
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    const expired = await nextEvent(socket, 'auth:expired');
    expect(expired.code).toBe('UNAUTHORIZED');
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
    expect(await disconnected).toBe('io server disconnect');
  });

  it('keeps a socket past its first token when auth:renew hands it a fresh one of the same session', async () => {
    const first = shortLivedToken(member, 2);
    const second = shortLivedToken(member, 5);
    const socket = await connectSocket(http().baseUrl, first.token);
    const renewed = await request(socket, 'auth:renew', { token: second.token });
    expect(renewed).toEqual({ ok: true, data: { expiresAt: new Date(second.expiresAt).toISOString() } });
    await nextEvent(socket, 'auth:expired');
    expect(Date.now()).toBeGreaterThanOrEqual(second.expiresAt - 50);
  });

  it('refuses auth:renew with a token of another session, or no valid token at all', async () => {
    const socket = await connectSocket(http().baseUrl, member.accessToken);
    const otherSession = await http().post<Session>('/api/auth/login', {
      username: member.user.username,
      password: 'correct horse battery',
    });
    expect(otherSession.status).toBe(200);
    const foreign = await request(socket, 'auth:renew', { token: otherSession.body.accessToken });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const garbage = await request(socket, 'auth:renew', { token: 'not.a.token' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const missing = await request(socket, 'auth:renew', {} as { token: string });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(socket.connected).toBe(true);
  });

  it('takes a removed member out of the room within the audit interval even when the removal event is lost', async () => {
    const socket: ChatClient = await connectSocket(http().baseUrl, member.accessToken);
    expect((await request(socket, 'room:join', { roomId: room.id })).ok).toBe(true);
    // The membership goes without the service knowing, as if its live event had been lost on the way.
    const database = new Database(join(suite.dataDir, 'chat.db'), { timeout: 5000 });
    try {
      database
        .prepare('DELETE FROM memberships WHERE room_id = ? AND user_id = ?')
        .run(room.id, member.user.id);
    } finally {
      database.close();
    }
    const removedAt = Date.now();
    const removed = await nextEvent(socket, 'room:removed');
    expect(removed).toEqual({ roomId: room.id });
    expect(Date.now() - removedAt).toBeLessThan(AUDIT_MS * 1.2 + 5000);
    const send = await request(socket, 'message:send', {
      roomId: room.id,
      clientMsgId: uniqueName('gone').replace(/[^A-Za-z0-9_-]/g, ''),
      body: 'still here?',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const typing = await request(socket, 'typing:start', { roomId: room.id });
    expect(typing).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
