import { setTimeout as sleep } from 'node:timers/promises';
import type { Announcement, Room } from '@chat/contracts';
import { Channels } from '@chat/contracts';
import { collect, nextEvent, startAdapterSocketServer } from '../support/adapter-socket-server';
import { startChatStack, type Actor, type ChatStack } from '../support/chat-stack';

describe('rooms service reaches live sockets through the Redis emitter', () => {
  let stack: ChatStack;
  let sockets: Awaited<ReturnType<typeof startAdapterSocketServer>>;
  let owner: Actor;
  let guest: Actor;

  beforeAll(async () => {
    stack = await startChatStack('rooms_live');
    sockets = await startAdapterSocketServer();
    [owner, guest] = await Promise.all([stack.actor(), stack.actor()]);
  });
  afterAll(async () => {
    await sockets.close();
    await stack.close();
  });

  it('delivers room:invited, member-joined, room:updated, member-left and room:removed, and removes kicked sockets', async () => {
    const room = (await owner.rooms.post<Room>('/api/rooms', { name: 'live', visibility: 'private' })).body;
    const ownerSocket = await sockets.client(owner.id);
    const guestSocket = await sockets.client(guest.id);
    await sockets.joinRoom(ownerSocket, room.id);

    const invited = nextEvent<Room>(guestSocket, 'room:invited');
    const joined = nextEvent(ownerSocket, 'room:member-joined');
    await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: guest.id });
    expect(await invited).toMatchObject({ id: room.id, memberCount: 2 });
    expect(await joined).toEqual({ roomId: room.id, userId: guest.id });

    await sockets.joinRoom(guestSocket, room.id);
    const updatedForGuest = nextEvent<Room>(guestSocket, 'room:updated');
    await owner.rooms.patch(`/api/rooms/${room.id}`, { topic: 'fresh' });
    expect(await updatedForGuest).toMatchObject({ id: room.id, topic: 'fresh' });

    const removed = nextEvent(guestSocket, 'room:removed');
    const left = nextEvent(ownerSocket, 'room:member-left');
    const kickedAt = Date.now();
    await owner.rooms.delete(`/api/rooms/${room.id}/members/${guest.id}`);
    expect(await removed).toEqual({ roomId: room.id });
    expect(await left).toEqual({ roomId: room.id, userId: guest.id });

    // Within 1 s the kicked user's sockets are out of the room on every replica.
    let inRoom = true;
    while (inRoom && Date.now() - kickedAt < 1000) {
      const ids = (await sockets.io.in(Channels.room(room.id)).fetchSockets()).map((socket) => socket.id);
      inRoom = ids.includes(guestSocket.id!);
      if (inRoom) await sleep(20);
    }
    expect(inRoom).toBe(false);
    const laterUpdates = collect(guestSocket, 'room:updated');
    const ownerSees = nextEvent(ownerSocket, 'room:updated');
    await owner.rooms.patch(`/api/rooms/${room.id}`, { topic: 'after the kick' });
    await ownerSees;
    expect(laterUpdates).toEqual([]);
  });

  it('tells every member room:deleted, and invites both users of a new direct room', async () => {
    const room = (await owner.rooms.post<Room>('/api/rooms', { name: 'doomed', visibility: 'public' })).body;
    await guest.rooms.post(`/api/rooms/${room.id}/join`);
    const [ownerSocket, guestSocket] = [await sockets.client(owner.id), await sockets.client(guest.id)];
    const deleted = [nextEvent(ownerSocket, 'room:deleted'), nextEvent(guestSocket, 'room:deleted')];
    await owner.rooms.delete(`/api/rooms/${room.id}`);
    expect(await Promise.all(deleted)).toEqual([{ roomId: room.id }, { roomId: room.id }]);

    const stranger = await stack.actor();
    const strangerSocket = await sockets.client(stranger.id);
    const invites = [
      nextEvent<Room>(ownerSocket, 'room:invited'),
      nextEvent<Room>(strangerSocket, 'room:invited'),
    ];
    const dm = (await stranger.rooms.post<Room>('/api/dm', { userId: owner.id })).body;
    expect((await Promise.all(invites)).map((r) => r.id)).toEqual([dm.id, dm.id]);
  });

  it('sends announcements to every connected socket', async () => {
    const admin = await stack.admin();
    const listeners = await Promise.all([
      sockets.client(owner.id),
      sockets.client(guest.id),
      sockets.client('anyone'),
    ]);
    const heard = listeners.map((socket) => nextEvent<Announcement>(socket, 'announcement'));
    const published = (await admin.rooms.post<Announcement>('/api/announcements', { text: 'hello everyone' }))
      .body;
    expect(await Promise.all(heard)).toEqual([published, published, published]);
  });
});
