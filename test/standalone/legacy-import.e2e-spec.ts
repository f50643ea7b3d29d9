import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import argon2 from 'argon2';
import type { MessagePage, Session } from '@chat/contracts';
import { newId } from '@chat/platform/ids';
import { freePort } from '@chat/platform/runtime';
import type { ManagedProcess } from '@chat/local-cluster';
import { connectSocket, request } from '../support/sockets';
import { startStorage } from '../support/storage-context';
import { standaloneProcess } from '../support/standalone-process';
import { PASSWORD } from '../support/users';

const STAND_IN = resolve(__dirname, '../../dist/libs/testing/src/embedded-mongo/embedded-mongo.main.js');

/** The old store as the old standalone server ran it: in memory, snapshotted to the given file. */
async function startOldStore(snapshotPath: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [STAND_IN, String(port), snapshotPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('stand-in at')) ready();
    });
    child.once('exit', (code) => fail(new Error(`the stand-in exited with ${code}`)));
  });
  return {
    url: `mongodb://127.0.0.1:${port}/chat?serverMonitoringMode=poll`,
    // SIGTERM writes the final snapshot before the process exits.
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A data folder from before the embedded database: the old store's snapshot (store.json), written here by
 * the same stand-in and the MongoDB adapters. The first start imports it once and keeps the old file.
 */
describe('standalone server: importing the old embedded store', () => {
  let dataDir: string;
  let server: ManagedProcess;

  afterAll(async () => {
    await server?.stop('SIGKILL');
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports users, rooms, memberships and messages with their seqs, once', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chat-legacy-'));
    const mongo = await startOldStore(join(dataDir, 'store.json'));
    const old = await startStorage('mongo', 'legacy', mongo.url);
    const user = await old.users.create({
      username: 'OldTimer',
      displayName: 'Old Timer',
      passwordHash: await argon2.hash(PASSWORD, { type: argon2.argon2id }),
      roles: ['user'],
    });
    const roomId = newId();
    const now = new Date();
    await old.rooms.create(
      {
        id: roomId,
        kind: 'room',
        name: 'Archive',
        nameLower: 'archive',
        topic: 'kept',
        visibility: 'public',
        ownerId: user.id,
        memberIds: [],
        memberCount: 1,
        lastSeq: 0,
        createdAt: now,
        lastActivityAt: now,
      },
      [{ userId: user.id, role: 'owner', lastReadSeq: 0 }],
    );
    for (const n of [1, 2, 3])
      await old.appender.append({ roomId, senderId: user.id, clientMsgId: `old-${n}`, body: `old ${n}` });
    await old.close();
    await mongo.stop();
    expect(existsSync(join(dataDir, 'store.json'))).toBe(true);

    const started = await standaloneProcess(dataDir);
    server = started.server;
    const http = started.http;
    await server.start();
    expect(existsSync(join(dataDir, 'store.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'store.json.imported'))).toBe(true);

    const login = await http.post<Session>('/api/auth/login', { username: 'oldtimer', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(user.id);
    const asUser = http.withToken(login.body.accessToken);
    const history = await asUser.get<MessagePage>(`/api/rooms/${roomId}/messages`);
    expect(history.body.items.map((m) => [m.seq, m.body])).toEqual([
      [1, 'old 1'],
      [2, 'old 2'],
      [3, 'old 3'],
    ]);
    const socket = await connectSocket(http.baseUrl, login.body.accessToken);
    expect((await request(socket, 'room:join', { roomId })).ok).toBe(true);
    const next = await request(socket, 'message:send', { roomId, clientMsgId: 'new-message-1', body: 'new' });
    if (!next.ok) throw new Error(JSON.stringify(next.error));
    expect(next.data.message.seq).toBe(4);
    socket.close();

    // A restart finds nothing left to import and keeps what the import and the new send stored.
    expect(await server.stop('SIGTERM')).toBe(0);
    await server.start();
    const again = await http
      .withToken(login.body.accessToken)
      .get<MessagePage>(`/api/rooms/${roomId}/messages`);
    expect(again.body.items.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  }, 60_000);
});
