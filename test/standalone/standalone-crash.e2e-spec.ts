import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, MessagePage, Room } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import type { HttpClient } from '@chat/testing';
import { connectSocket, request, type ChatClient } from '../support/sockets';
import { standaloneProcess } from '../support/standalone-process';
import { registerUser, uniqueName } from '../support/users';

const SENDERS = 20;
/** Acknowledged messages to reach before the kill: well inside the stream, whatever the machine's speed. */
const ACKED_BEFORE_KILL = 1500;

interface Acked {
  clientMsgId: string;
  seq: number;
}

/** Every message of a room, oldest first, through the history API (pages of 100 by seq). */
async function fullHistory(http: HttpClient, roomId: string): Promise<Message[]> {
  const all: Message[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await http.get<MessagePage>(`/api/rooms/${roomId}/messages?afterSeq=${afterSeq}&limit=100`);
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    if (!page.body.hasMore || page.body.items.length === 0) return all;
    afterSeq = page.body.items[page.body.items.length - 1].seq;
  }
}

/**
 * The first guarantee, for `npm start`: 20 clients send into one room, the process is killed with
 * SIGKILL mid-stream and restarted on the same data folder. Every acknowledged message must be in
 * history with the seq its ack gave, and the next message must get a seq above all of them.
 */
describe('standalone server: SIGKILL mid-stream (the built process, SQLite)', () => {
  let dataDir: string;
  let server: ManagedProcess;
  let http: HttpClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chat-standalone-crash-'));
    ({ server, http } = await standaloneProcess(dataDir, {
      RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
      // The senders outpace the default per-user budgets on purpose.
      RATE_LIMIT_SEND_POINTS: '100000',
      RATE_LIMIT_SOCKET_EVENT_POINTS: '100000',
    }));
    await server.start();
  });

  afterAll(async () => {
    await server.stop('SIGKILL');
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message with its seq, and never reuses a seq', async () => {
    const owner = await registerUser(http, uniqueName('owner'));
    const room = (
      await http
        .withToken(owner.accessToken)
        .post<Room>('/api/rooms', { name: 'crash', visibility: 'public' })
    ).body;
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, () => registerUser(http, uniqueName('sender'))),
    );
    const sockets: ChatClient[] = [];
    for (const sender of senders) {
      expect((await http.withToken(sender.accessToken).post(`/api/rooms/${room.id}/join`)).status).toBe(200);
      const socket = await connectSocket(http.baseUrl, sender.accessToken);
      expect((await request(socket, 'room:join', { roomId: room.id })).ok).toBe(true);
      sockets.push(socket);
    }

    const acked: Acked[] = [];
    let killed = false;
    let reachedTarget!: () => void;
    const target = new Promise<void>((resolveTarget) => (reachedTarget = resolveTarget));
    const streams = sockets.map(async (socket, index) => {
      for (let n = 0; !killed; n++) {
        const clientMsgId = `sender${index}-msg${n}`;
        const ack = await request(
          socket,
          'message:send',
          { roomId: room.id, clientMsgId, body: clientMsgId },
          5000,
        ).catch(() => null);
        if (!ack?.ok) return;
        acked.push({ clientMsgId, seq: ack.data.message.seq });
        if (acked.length >= ACKED_BEFORE_KILL) reachedTarget();
      }
    });
    await target;
    killed = true;
    await server.stop('SIGKILL');
    await Promise.all(streams);
    for (const socket of sockets) socket.close();
    const allAcked = [...acked];

    await server.start();
    const history = await fullHistory(http.withToken(owner.accessToken), room.id);
    const stored = new Map(history.map((message) => [message.clientMsgId, message.seq]));
    const lost = allAcked.filter((entry) => stored.get(entry.clientMsgId) !== entry.seq);
    expect(lost).toEqual([]);
    const seqs = history.map((message) => message.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const next = await connectSocket(http.baseUrl, senders[0].accessToken);
    expect((await request(next, 'room:join', { roomId: room.id })).ok).toBe(true);
    const after = await request(next, 'message:send', {
      roomId: room.id,
      clientMsgId: 'after-restart',
      body: 'x',
    });
    if (!after.ok) throw new Error(JSON.stringify(after.error));
    expect(after.data.message.seq).toBeGreaterThan(Math.max(...allAcked.map((entry) => entry.seq)));
    next.close();
    console.log(
      `standalone crash: ${allAcked.length} acked before SIGKILL, ${history.length} in history, next seq ${after.data.message.seq}`,
    );
  }, 120_000);
});
