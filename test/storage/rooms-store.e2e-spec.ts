import { newId } from '@chat/platform/ids';
import type { RoomRecord } from '@chat/rooms';
import { forEachStore } from '../support/storage-context';

function roomRecord(name: string, visibility: 'public' | 'private' = 'public'): RoomRecord {
  const now = new Date();
  return {
    id: newId(),
    kind: 'room',
    name,
    nameLower: name.toLowerCase(),
    topic: '',
    visibility,
    ownerId: 'owner',
    memberIds: [],
    memberCount: 1,
    lastSeq: 0,
    createdAt: now,
    lastActivityAt: now,
  };
}

forEachStore('rooms and memberships store', (store) => {
  async function newRoom(name = 'room'): Promise<RoomRecord> {
    const owner = newId();
    const record = { ...roomRecord(name), ownerId: owner };
    expect(await store().rooms.create(record, [{ userId: owner, role: 'owner', lastReadSeq: 0 }])).toBe(true);
    return record;
  }

  it('creates a room with its owner, and a second create of the same id completes members only', async () => {
    const room = await newRoom();
    expect((await store().memberships.find(room.id, room.ownerId!))?.role).toBe('owner');
    const late = newId();
    expect(await store().rooms.create(room, [{ userId: late, role: 'member', lastReadSeq: 0 }])).toBe(false);
    expect(await store().memberships.find(room.id, late)).not.toBeNull();
  });

  it('keeps the member count equal to the memberships under concurrent joins and leaves', async () => {
    const room = await newRoom();
    const users = Array.from({ length: 16 }, () => newId());
    // Every user joins twice at once: one membership each.
    const joins = await Promise.all(
      [...users, ...users].map((userId) =>
        store().memberships.add(room.id, { userId, role: 'member', lastReadSeq: 0 }),
      ),
    );
    expect(joins.filter((joined) => joined !== null)).toHaveLength(16);
    const leavers = users.slice(0, 7);
    const leaves = await Promise.all(
      [...leavers, ...leavers].map((userId) => store().memberships.remove(room.id, userId)),
    );
    expect(leaves.filter(Boolean).length).toBeGreaterThanOrEqual(7);
    const members = await store().memberships.userIdsOfRoom(room.id);
    expect(members).toHaveLength(1 + 16 - 7);
    expect((await store().rooms.findById(room.id))?.memberCount).toBe(members.length);
  });

  it('pages members by id, and lists a user’s rooms', async () => {
    const room = await newRoom();
    const userIds = Array.from({ length: 5 }, () => newId());
    for (const userId of userIds)
      await store().memberships.add(room.id, { userId, role: 'member', lastReadSeq: 0 });
    const first = await store().memberships.listByRoom(room.id, undefined, 3);
    expect(first).toHaveLength(4);
    const second = await store().memberships.listByRoom(room.id, first[2].id, 3);
    const all = [...first.slice(0, 3), ...second];
    expect(all.map((m) => m.id)).toEqual([...all.map((m) => m.id)].sort());
    expect(new Set(all.map((m) => m.userId)).size).toBe(6);
    expect((await store().memberships.listByUser(userIds[0])).map((m) => m.roomId)).toEqual([room.id]);
    expect((await store().memberships.roomIdsByUsers([userIds[1]])).get(userIds[1])).toEqual([room.id]);
  });

  it('moves read markers forward only; concurrent marks settle on the highest', async () => {
    const room = await newRoom();
    const userId = newId();
    await store().memberships.add(room.id, { userId, role: 'member', lastReadSeq: 0 });
    await Promise.all([7, 3, 9, 5, 8].map((seq) => store().memberships.advanceRead(room.id, userId, seq)));
    await store().memberships.advanceRead(room.id, userId, 4);
    expect((await store().memberships.find(room.id, userId))?.lastReadSeq).toBe(9);
  });

  it("keeps a member's notification level, and none for a user who is not a member", async () => {
    const room = await newRoom();
    expect((await store().memberships.find(room.id, room.ownerId!))?.notificationLevel).toBeUndefined();
    expect(await store().memberships.setNotificationLevel(room.id, room.ownerId!, 'none')).toBe(true);
    expect((await store().memberships.find(room.id, room.ownerId!))?.notificationLevel).toBe('none');
    expect(await store().memberships.setNotificationLevel(room.id, newId(), 'all')).toBe(false);
  });

  it('reserves disjoint seq and rev ranges under concurrency', async () => {
    const room = await newRoom();
    const at = new Date();
    const [lasts, revs] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => store().rooms.reserveSeqs(room.id, 3, at))),
      Promise.all(Array.from({ length: 30 }, () => store().rooms.reserveRev(room.id))),
    ]);
    const seqs = lasts.flatMap((last) => [last!.lastSeq - 2, last!.lastSeq - 1, last!.lastSeq]);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    const allRevs = [
      ...lasts.flatMap((last) => [last!.lastRev - 2, last!.lastRev - 1, last!.lastRev]),
      ...revs,
    ];
    expect(allRevs.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(await store().rooms.reserveRev(newId())).toBeNull();
    const stored = await store().rooms.findById(room.id);
    expect(stored?.lastSeq).toBe(90);
    expect(stored?.lastActivityAt.getTime()).toBe(at.getTime());
    expect(await store().rooms.reserveSeqs(newId(), 1, at)).toBeNull();
  });

  it('lists the public directory newest first, by name prefix, paged by id', async () => {
    const prefix = `dir${Date.now().toString(36)}`;
    const made: RoomRecord[] = [];
    for (let i = 0; i < 4; i++) {
      const record = { ...roomRecord(`${prefix}-${i}`), id: newId() };
      await store().rooms.create(record, []);
      made.push(record);
    }
    await store().rooms.create({ ...roomRecord(`${prefix}-hidden`, 'private') }, []);
    const page = await store().rooms.listPublic({ namePrefix: prefix.toUpperCase(), limit: 2 });
    expect(page).toHaveLength(3);
    const expected = [...made].sort((a, b) => (a.id < b.id ? 1 : -1)).map((room) => room.id);
    expect(page.slice(0, 2).map((room) => room.id)).toEqual(expected.slice(0, 2));
    const next = await store().rooms.listPublic({ namePrefix: prefix, beforeId: page[1].id, limit: 2 });
    expect(next.map((room) => room.id)).toEqual(expected.slice(2, 4));
  });

  it('updates and deletes a room with its memberships', async () => {
    const room = await newRoom('before');
    const updated = await store().rooms.update(room.id, { name: 'after', nameLower: 'after', topic: 't' });
    expect([updated?.name, updated?.topic]).toEqual(['after', 't']);
    await store().rooms.delete(room.id);
    expect(await store().rooms.findById(room.id)).toBeNull();
    expect(await store().memberships.userIdsOfRoom(room.id)).toEqual([]);
  });
});
