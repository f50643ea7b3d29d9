import { ChatClient } from '@chat/client-sdk';
import type { Room } from '@chat/contracts';
import { standaloneForSuite } from '../support/standalone-process';
import { PASSWORD, uniqueName } from '../support/users';

/**
 * The client users ship keeps the send guarantee by itself: a send whose connection dies under it is
 * retried with the same clientMsgId once the SDK has reconnected, and the server stores it exactly once.
 * Against the built single process, frozen and then killed and restarted on the same data.
 */
describe('SDK: send retry across a dropped connection and a server restart', () => {
  const suite = standaloneForSuite('sdk-retry');
  let client: ChatClient;

  afterAll(() => client?.close());

  it('acks a send made while the server froze and died, once, after the restart', async () => {
    const { server, http } = suite;
    client = new ChatClient({ baseUrl: http.baseUrl, ackTimeoutMs: 1500, sendAttempts: 10 });
    await client.register(uniqueName('sdk'), PASSWORD);
    const room: Room = await client.api.createRoom({ name: 'retry', visibility: 'private' });
    client.connect();
    await client.join(room.id);
    await client.send(room.id, 'before');

    server.signal('SIGSTOP');
    const clientMsgId = uniqueName('retry').replace(/[^A-Za-z0-9_-]/g, '');
    const sending = client.send(room.id, 'through the outage', clientMsgId);
    // The first attempt is on the wire to a frozen process; it dies with the process and its buffers.
    await server.stop('SIGKILL');
    await server.start();

    const acked = await sending;
    expect(acked.clientMsgId).toBe(clientMsgId);
    const history = await client.history(room.id, { limit: 50 });
    expect(history.items.filter((message) => message.clientMsgId === clientMsgId)).toEqual([
      expect.objectContaining({ id: acked.id, seq: acked.seq, body: 'through the outage' }),
    ]);
    expect(history.items.map((message) => message.body)).toEqual(['before', 'through the outage']);
  }, 60_000);
});
