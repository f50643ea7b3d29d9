import { setTimeout as sleep } from 'node:timers/promises';
import { ChatClient } from '@chat/client-sdk';
import type { Message, Room } from '@chat/contracts';
import { standaloneForSuite } from '../support/standalone-process';
import { PASSWORD, uniqueName } from '../support/users';

/** A client's view of a room, from the SDK's events only. */
function viewOf(client: ChatClient): Map<string, Message> {
  const view = new Map<string, Message>();
  client.on('message', (message) => view.set(message.id, message));
  client.on('message:updated', (message) => view.set(message.id, message));
  client.on('message:deleted', (event) => view.set(event.message.id, event.message));
  return view;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * The SDK keeps each room's rev position and resumes with it: edits, deletions and reactions made while
 * a client was away reach it on reconnect as `message:updated` and `message:deleted`.
 */
describe('SDK: changes made while a client was away', () => {
  const suite = standaloneForSuite('sdk-changes');
  const clients: ChatClient[] = [];
  afterAll(() => clients.forEach((client) => client.close()));

  it('ends a resumed client in the server’s exact state', async () => {
    const baseUrl = suite.http.baseUrl;
    const [alice, bob] = [new ChatClient({ baseUrl }), new ChatClient({ baseUrl })];
    clients.push(alice, bob);
    await alice.register(uniqueName('alice'), PASSWORD);
    const bobUser = await bob.register(uniqueName('bob'), PASSWORD);
    const room: Room = await alice.api.createRoom({ name: 'changes', visibility: 'private' });
    await alice.api.addMember(room.id, bobUser.id);
    alice.connect();
    bob.connect();
    await alice.join(room.id);
    const view = viewOf(bob);
    await bob.join(room.id);
    const sent: Message[] = [];
    for (let i = 0; i < 4; i++) sent.push(await alice.send(room.id, `m${i}`));
    await until(() => bob.revPosition(room.id) === sent[3].rev, 'bob sees every message live');

    bob.disconnect();
    await alice.edit(room.id, sent[0].id, 'm0 edited');
    await alice.delete(room.id, sent[1].id);
    await alice.react(room.id, sent[2].id, '🎉');
    const last = await alice.send(room.id, 'while away');
    const lastChange = await alice.react(room.id, sent[3].id, '👍');

    bob.connect();
    await until(() => bob.revPosition(room.id) === lastChange.rev, 'bob resumes every change');
    const history = (await alice.history(room.id, { limit: 50 })).items;
    expect(history.map((message) => message.id)).toContain(last.id);
    expect([...view.values()].sort((a, b) => a.seq - b.seq)).toEqual(history);
  }, 60_000);
});
