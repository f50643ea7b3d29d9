import type { Room, Session } from '@chat/contracts';
import { closeAllSockets, connectSocket, eventually, refusal } from '../support/sockets';
import { standaloneForSuite } from '../support/standalone-process';
import { registerUser, uniqueName } from '../support/users';

const MAX_SOCKETS = 3;
/** The fixed per-user budgets of libs/rooms/src/http/user-rate-limits.ts, per minute. */
const CREATE_PER_MINUTE = 120;
const SEARCH_PER_MINUTE = 120;

/** Limits that bound what one account can hold or create, against the built single process. */
describe('hardening: per-user limits on sockets, creations and searches', () => {
  const suite = standaloneForSuite('per-user', { MAX_SOCKETS_PER_USER: String(MAX_SOCKETS) });
  const http = () => suite.http;

  afterAll(() => closeAllSockets());

  it('refuses a socket over the per-user cap with RATE_LIMITED, and lets one in again once another closes', async () => {
    const user: Session = await registerUser(http(), uniqueName('sockets'));
    const sockets = [];
    for (let i = 0; i < MAX_SOCKETS; i += 1)
      sockets.push(await connectSocket(http().baseUrl, user.accessToken));
    expect(await refusal(http().baseUrl, user.accessToken)).toMatchObject({ code: 'RATE_LIMITED' });
    const other = await registerUser(http(), uniqueName('other'));
    expect((await connectSocket(http().baseUrl, other.accessToken)).connected).toBe(true);

    sockets[0].close();
    await eventually(async () => {
      try {
        return (await connectSocket(http().baseUrl, user.accessToken)).connected;
      } catch {
        return false;
      }
    }, 5000);
  });

  it('answers 429 to the room or DM creation over the per-user budget', async () => {
    const user = await registerUser(http(), uniqueName('creator'));
    const peer = await registerUser(http(), uniqueName('peer'));
    const as = http().withToken(user.accessToken);
    for (let i = 0; i < CREATE_PER_MINUTE - 1; i += 1) {
      expect((await as.post('/api/rooms', { name: `r${i}`, visibility: 'private' })).status).toBe(201);
    }
    expect((await as.post('/api/dm', { userId: peer.user.id })).status).toBe(200);
    const over = await as.post<{ error: { code: string } }>('/api/rooms', {
      name: 'one too many',
      visibility: 'private',
    });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect((await as.post('/api/dm', { userId: peer.user.id })).status).toBe(429);
    // Another user's budget is their own.
    expect(
      (await http().withToken(peer.accessToken).post('/api/rooms', { name: 'mine', visibility: 'private' }))
        .status,
    ).toBe(201);
  });

  it('answers 429 to history searches over the per-user budget', async () => {
    const user = await registerUser(http(), uniqueName('searcher'));
    const as = http().withToken(user.accessToken);
    const room = (await as.post<Room>('/api/rooms', { name: 'searchable', visibility: 'public' })).body;
    for (let i = 0; i < SEARCH_PER_MINUTE; i += 1) {
      expect((await as.get(`/api/rooms/${room.id}/messages/search?q=hello`)).status).toBe(200);
    }
    const over = await as.get<{ error: { code: string } }>(`/api/rooms/${room.id}/messages/search?q=hello`);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
  });
});
