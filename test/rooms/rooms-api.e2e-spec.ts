import type { Member, Page, Room } from '@chat/contracts';
import { startChatStack, type Actor, type ChatStack } from '../support/chat-stack';

describe('rooms API: rooms, membership and the authorization matrix', () => {
  let stack: ChatStack;
  let owner: Actor;
  let roomAdmin: Actor;
  let member: Actor;
  let outsider: Actor;
  let globalAdmin: Actor;

  beforeAll(async () => {
    stack = await startChatStack('rooms_api');
    [owner, roomAdmin, member, outsider, globalAdmin] = await Promise.all([
      stack.actor(),
      stack.actor(),
      stack.actor(),
      stack.actor(),
      stack.admin(),
    ]);
  });
  afterAll(() => stack.close());

  /** A room owned by `owner`, with `roomAdmin` as admin and `member` as member. */
  async function staffedRoom(visibility: 'public' | 'private' = 'public'): Promise<Room> {
    const room = (await owner.rooms.post<Room>('/api/rooms', { name: `room ${visibility}`, visibility }))
      .body;
    expect(
      (await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: roomAdmin.id, role: 'admin' }))
        .status,
    ).toBe(201);
    expect((await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: member.id })).status).toBe(201);
    return room;
  }

  it('creates a room with the creator as owner, and serves it in the contract shape', async () => {
    const created = await owner.rooms.post<Room>('/api/rooms', {
      name: '  General  ',
      visibility: 'public',
      topic: 'all',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      kind: 'room',
      name: 'General',
      topic: 'all',
      visibility: 'public',
      ownerId: owner.id,
      memberCount: 1,
      lastSeq: 0,
      createdAt: expect.any(String),
      lastActivityAt: created.body.createdAt,
    });
    const members = await owner.rooms.get<Page<Member>>(`/api/rooms/${created.body.id}/members`);
    expect(members.body).toEqual({
      items: [{ user: owner.session.user, role: 'owner', joinedAt: expect.any(String) }],
      nextCursor: null,
    });
    expect((await outsider.rooms.get(`/api/rooms/${created.body.id}`)).status).toBe(200);
  });

  it.each([
    ['a missing name', { visibility: 'public' }],
    ['a blank name', { name: '   ', visibility: 'public' }],
    ['an 81-character name', { name: 'n'.repeat(81), visibility: 'public' }],
    ['a 501-character topic', { name: 'ok', visibility: 'public', topic: 't'.repeat(501) }],
    ['an unknown visibility', { name: 'ok', visibility: 'secret' }],
    ['an unknown field', { name: 'ok', visibility: 'public', ownerId: 'me' }],
    ['an operator object', { name: { $gt: '' }, visibility: 'public' }],
  ])('rejects creation with %s (400)', async (_name, body) => {
    const result = await owner.rooms.post('/api/rooms', body);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('hides a private room from non-members (404) but shows it to members and global admins', async () => {
    const room = await staffedRoom('private');
    expect((await outsider.rooms.get(`/api/rooms/${room.id}`)).status).toBe(404);
    expect((await outsider.rooms.post(`/api/rooms/${room.id}/join`)).status).toBe(404);
    expect((await outsider.rooms.get(`/api/rooms/${room.id}/members`)).status).toBe(404);
    expect((await member.rooms.get(`/api/rooms/${room.id}`)).status).toBe(200);
    expect((await globalAdmin.rooms.get(`/api/rooms/${room.id}`)).status).toBe(200);
    expect((await outsider.rooms.get('/api/rooms/000000000000000000000000')).status).toBe(404);
    expect((await outsider.rooms.get('/api/rooms/not-an-id')).status).toBe(404);
  });

  describe('authorization matrix', () => {
    it.each([
      ['owner', true],
      ['roomAdmin', true],
      ['globalAdmin', true],
      ['member', false],
      ['outsider', false],
    ])('PATCH by %s allowed: %s', async (who, allowed) => {
      const room = await staffedRoom();
      const actor = { owner, roomAdmin, member, outsider, globalAdmin }[who]!;
      const result = await actor.rooms.patch<Room>(`/api/rooms/${room.id}`, { topic: `set by ${who}` });
      expect(result.status).toBe(allowed ? 200 : 403);
      if (allowed) expect(result.body.topic).toBe(`set by ${who}`);
    });

    it.each([
      ['owner', 204],
      ['globalAdmin', 204],
      ['roomAdmin', 403],
      ['member', 403],
      ['outsider', 403],
    ])('DELETE by %s answers %s', async (who, status) => {
      const room = await staffedRoom();
      const actor = { owner, roomAdmin, member, outsider, globalAdmin }[who]!;
      expect((await actor.rooms.delete(`/api/rooms/${room.id}`)).status).toBe(status);
      expect((await owner.rooms.get(`/api/rooms/${room.id}`)).status).toBe(status === 204 ? 404 : 200);
    });

    it.each([
      ['owner', 'member', 201],
      ['owner', 'admin', 201],
      ['roomAdmin', 'member', 201],
      ['roomAdmin', 'admin', 403],
      ['globalAdmin', 'admin', 201],
      ['member', 'member', 403],
      ['outsider', 'member', 403],
    ])('invite by %s as %s answers %s', async (who, role, status) => {
      const room = await staffedRoom();
      const invitee = await stack.actor();
      const actor = { owner, roomAdmin, member, outsider, globalAdmin }[who]!;
      const result = await actor.rooms.post<Member>(`/api/rooms/${room.id}/members`, {
        userId: invitee.id,
        role,
      });
      expect(result.status).toBe(status);
      if (status === 201)
        expect(result.body).toEqual({ user: invitee.session.user, role, joinedAt: expect.any(String) });
    });

    it.each([
      ['owner', 'member', 204],
      ['owner', 'roomAdmin', 204],
      ['roomAdmin', 'member', 204],
      ['roomAdmin', 'roomAdmin', 204],
      ['globalAdmin', 'roomAdmin', 204],
      ['member', 'member', 204],
      ['member', 'roomAdmin', 403],
      ['outsider', 'member', 403],
      ['roomAdmin', 'owner', 403],
      ['globalAdmin', 'owner', 403],
    ])('kick by %s of %s answers %s', async (who, target, status) => {
      const room = await staffedRoom();
      const actors: Record<string, Actor> = { owner, roomAdmin, member, outsider, globalAdmin };
      const result = await actors[who].rooms.delete(`/api/rooms/${room.id}/members/${actors[target].id}`);
      expect(result.status).toBe(status);
      const still = await owner.rooms.get<Page<Member>>(`/api/rooms/${room.id}/members`);
      expect(still.body.items.some((m) => m.user.id === actors[target].id)).toBe(status !== 204);
    });
  });

  it('rejects a duplicate invite (409), an unknown user (404), and a non-member add of the owner', async () => {
    const room = await staffedRoom();
    expect((await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: member.id })).status).toBe(409);
    expect(
      (await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: '000000000000000000000000' }))
        .status,
    ).toBe(404);
    expect(
      (await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: member.id, role: 'owner' })).status,
    ).toBe(400);
  });

  it('keeps the owner until a hand-over, after which the former owner is an admin', async () => {
    const room = await staffedRoom();
    expect((await owner.rooms.post(`/api/rooms/${room.id}/leave`)).status).toBe(409);
    expect((await roomAdmin.rooms.patch(`/api/rooms/${room.id}`, { ownerId: roomAdmin.id })).status).toBe(
      403,
    );
    expect((await owner.rooms.patch(`/api/rooms/${room.id}`, { ownerId: outsider.id })).status).toBe(400);

    const handed = await owner.rooms.patch<Room>(`/api/rooms/${room.id}`, { ownerId: member.id });
    expect(handed.status).toBe(200);
    expect(handed.body.ownerId).toBe(member.id);
    const roles = (await owner.rooms.get<Page<Member>>(`/api/rooms/${room.id}/members`)).body.items;
    expect(Object.fromEntries(roles.map((m) => [m.user.id, m.role]))).toMatchObject({
      [owner.id]: 'admin',
      [member.id]: 'owner',
    });
    expect((await owner.rooms.post(`/api/rooms/${room.id}/leave`)).status).toBe(204);
    expect((await member.rooms.post(`/api/rooms/${room.id}/leave`)).status).toBe(409);
  });

  it('joins public rooms idempotently and counts members', async () => {
    const room = (await owner.rooms.post<Room>('/api/rooms', { name: 'open', visibility: 'public' })).body;
    const joined = await outsider.rooms.post<Room>(`/api/rooms/${room.id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body.memberCount).toBe(2);
    const again = await outsider.rooms.post<Room>(`/api/rooms/${room.id}/join`);
    expect(again.status).toBe(200);
    expect(again.body.memberCount).toBe(2);
    expect((await outsider.rooms.post(`/api/rooms/${room.id}/leave`)).status).toBe(204);
    expect((await owner.rooms.get<Room>(`/api/rooms/${room.id}`)).body.memberCount).toBe(1);
  });

  it('pages the member list by cursor', async () => {
    const room = await staffedRoom();
    const first = await owner.rooms.get<Page<Member>>(`/api/rooms/${room.id}/members?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await owner.rooms.get<Page<Member>>(
      `/api/rooms/${room.id}/members?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((m) => m.user.id).sort();
    expect(ids).toEqual([owner.id, roomAdmin.id, member.id].sort());
    expect((await outsider.rooms.get(`/api/rooms/${room.id}/members`)).status).toBe(403);
    expect((await owner.rooms.get(`/api/rooms/${room.id}/members?limit=101`)).status).toBe(400);
    expect((await owner.rooms.get(`/api/rooms/${room.id}/members?cursor=garbage`)).status).toBe(400);
  });

  it('lists the public directory newest first, paged, filtered by name prefix', async () => {
    const tag = `dir${Date.now().toString(36)}`;
    const made: Room[] = [];
    for (const suffix of ['a', 'b', 'c']) {
      made.push(
        (await owner.rooms.post<Room>('/api/rooms', { name: `${tag} ${suffix}`, visibility: 'public' })).body,
      );
    }
    await owner.rooms.post('/api/rooms', { name: `${tag} hidden`, visibility: 'private' });
    const first = await outsider.rooms.get<Page<Room>>(
      `/api/rooms?scope=public&q=${tag.toUpperCase()}&limit=2`,
    );
    expect(first.body.items.map((r) => r.id)).toEqual([made[2].id, made[1].id]);
    const second = await outsider.rooms.get<Page<Room>>(
      `/api/rooms?scope=public&q=${tag}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: made[0].id })], nextCursor: null });
    expect((await outsider.rooms.get('/api/rooms?scope=everything')).status).toBe(400);
  });
});
