import type { Message, Room } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { startChatStack, type ChatStack } from '../support/chat-stack';
import { startGatewayProcess } from '../support/gateway-processes';
import { uniqueName } from '../support/users';
import { closeAllSockets, connectSocket, nextEvent, eventually, ok, request } from '../support/sockets';

const DB = 'gateway_sharded';

/** SOCKET_ADAPTER=sharded: sharded pub/sub between gateways, live events from rooms relayed on the bus. */
describe('gateways on the sharded Redis adapter', () => {
  let stack: ChatStack;
  let gateways: { process: ManagedProcess; url: string }[];

  beforeAll(async () => {
    stack = await startChatStack(DB, uniqueName('operator'), { SOCKET_ADAPTER: 'sharded' });
    gateways = await Promise.all(
      [1, 2].map((index) =>
        startGatewayProcess(`sharded-${index}`, DB, stack.auth.url, { SOCKET_ADAPTER: 'sharded' }),
      ),
    );
  });
  afterAll(async () => {
    closeAllSockets();
    await Promise.all(gateways.map((gateway) => gateway.process.stop('SIGKILL')));
    await stack.close();
  });

  it('fans out across gateways, and delivers invites, kicks and announcements from the rooms service', async () => {
    const [alice, bob, admin] = [await stack.actor(), await stack.actor(), await stack.admin()];
    const room = (await alice.rooms.post<Room>('/api/rooms', { name: 'sharded', visibility: 'private' }))
      .body;
    const [aliceSocket, bobSocket] = [
      await connectSocket(gateways[0].url, alice.session.accessToken),
      await connectSocket(gateways[1].url, bob.session.accessToken),
    ];
    const invited = nextEvent(bobSocket, 'room:invited');
    await alice.rooms.post(`/api/rooms/${room.id}/members`, { userId: bob.id });
    expect((await invited).id).toBe(room.id);

    await ok(aliceSocket, 'room:join', { roomId: room.id });
    await ok(bobSocket, 'room:join', { roomId: room.id });
    const received: Message[] = [];
    bobSocket.on('message:new', (message) => received.push(message));
    const { message } = await ok(aliceSocket, 'message:send', {
      roomId: room.id,
      clientMsgId: 'sharded-0001',
      body: 'across shards',
    });
    await eventually(() => received.length === 1, 3000);
    expect(received[0]).toEqual(message);

    const announced = new Promise((resolve) => bobSocket.once('announcement', resolve));
    await admin.rooms.post('/api/announcements', { text: 'sharded hello' });
    expect(await announced).toMatchObject({ text: 'sharded hello' });

    await alice.rooms.delete(`/api/rooms/${room.id}/members/${bob.id}`);
    await eventually(
      async () => {
        const answer = await request(bobSocket, 'typing:start', { roomId: room.id });
        return !answer.ok && answer.error.code === 'FORBIDDEN';
      },
      1000,
      20,
    );
  });
});
