import { setTimeout as sleep } from 'node:timers/promises';
import type { Ack, Room } from '@chat/contracts';
import { intendedSendTimes, latencyHistogram, percentiles, recordMs } from '@chat/load-measure';
import type { Socket } from 'socket.io-client';
import { connectSocket } from '../sockets';
import { postJson, registerUsers } from '../targets/chat-api';

export interface SendAckResult {
  offeredPerSecond: number;
  senders: number;
  sent: number;
  acked: number;
  failed: number;
  /** Intended send time → ack (the message is stored with its seq), ms. */
  p50: number;
  p99: number;
  max: number;
}

/** One sender offering `rate` messages a second for `durationMs`, latency from each intended send time. */
async function offer(
  socket: Socket,
  roomId: string,
  rate: number,
  durationMs: number,
  record: (latencyMs: number | null) => void,
): Promise<void> {
  const first = Date.now() + 50 + Math.random() * (1000 / rate);
  const total = Math.round((rate * durationMs) / 1000);
  const pending: Promise<void>[] = [];
  let n = 0;
  for (const intended of intendedSendTimes(first, rate, 0, durationMs, total)) {
    n += 1;
    const wait = intended - Date.now();
    if (wait > 1) await sleep(wait);
    const send = socket.timeout(10_000).emitWithAck('message:send', {
      roomId,
      clientMsgId: `ack-${socket.id}-${n}`,
      body: `${n}:${'x'.repeat(96)}`,
    }) as Promise<Ack<unknown>>;
    pending.push(
      send.then(
        (answer) => record(answer.ok ? Date.now() - intended : null),
        () => record(null),
      ),
    );
  }
  await Promise.all(pending);
}

/**
 * Durable send→ack: `senders` members of one room share `rate` messages a second through nginx; an ack
 * means the message was written to the store with its seq. The room's members are the senders
 * themselves, so the fan-out stays small and the write path dominates.
 */
export async function measureSendAck(
  baseUrl: string,
  rate: number,
  senders: number,
  durationMs: number,
): Promise<SendAckResult> {
  const [owner, ...others] = await registerUsers(baseUrl, senders);
  const room = await postJson<Room>(baseUrl, '/api/rooms', owner.accessToken, {
    name: 'acks',
    visibility: 'public',
  });
  for (const member of others) await postJson(baseUrl, `/api/rooms/${room.id}/join`, member.accessToken);
  const sockets = await Promise.all(
    [owner, ...others].map(async (session) => {
      const socket = await connectSocket(baseUrl, { auth: { token: session.accessToken } });
      await socket.emitWithAck('room:join', { roomId: room.id });
      return socket;
    }),
  );
  const latency = latencyHistogram();
  let failed = 0;
  const record = (latencyMs: number | null) =>
    latencyMs === null ? (failed += 1) : recordMs(latency, latencyMs);
  await Promise.all(sockets.map((socket) => offer(socket, room.id, rate / senders, durationMs, record)));
  for (const socket of sockets) socket.close();
  const { p50, p99, max } = percentiles(latency);
  const result: SendAckResult = {
    offeredPerSecond: rate,
    senders,
    sent: latency.totalCount + failed,
    acked: latency.totalCount,
    failed,
    p50,
    p99,
    max,
  };
  console.log(`send→ack at ${rate} msg/s: p50 ${result.p50} ms, p99 ${result.p99} ms, failed ${failed}`);
  return result;
}
