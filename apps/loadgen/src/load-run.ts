import { randomBytes } from 'node:crypto';
import type { DeliveryReport, MemberJoin } from '@chat/delivery-checker';
import { RecordingClient } from '@chat/recording-client';
import { mapBounded } from './bounded';
import { applyChaos, assertComponents, parseChaos, type ChaosTarget } from './chaos-plan';
import { checkRun } from './final-check';
import { runHistoryReaders } from './history-readers';
import { percentileCurve, percentiles } from './latency-histogram';
import { LoadMetrics } from './load-metrics';
import type { LoadOptions } from './load-options';
import { summariseChecker, type ChaosRecord, type LoadReport } from './load-report';
import { anonymousApi, loadSession, type LoadSession } from './load-session';
import { prepareRooms } from './prepare-rooms';
import { startProgress } from './progress';
import { assignUsers, roomSizes, seededRandom } from './room-plan';
import { offeredRateAt } from './send-schedule';
import { isLoopback } from './target-guard';
import { messageBody, runTraffic, type Sender } from './traffic';
import { acquireSessions } from './user-pool';

const CURVE_POINTS = [0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];
const CONNECT_CONCURRENCY = 50;

export interface RunContext {
  baseUrl: string;
  /** Present when the kit drives its own local cluster: chaos steps act on it. */
  cluster?: ChaosTarget;
  log: (line: string) => void;
  stopRequested: () => boolean;
}

/** Loopback source addresses for websocket clients: behind `hash $remote_addr` they spread over gateways. */
function sourceAddress(baseUrl: string, options: LoadOptions, index: number): string | undefined {
  if (!isLoopback(baseUrl) || options.transport !== 'websocket') return undefined;
  return `127.0.0.${2 + (index % 250)}`;
}

/**
 * One load test, start to verdict: prepare users and rooms over HTTP, connect every user, offer the
 * fixed load (with history readers and chaos steps beside it), let everything settle and recover,
 * then run the delivery checker over every client's log and the stored history.
 */
export async function runLoad(
  options: LoadOptions,
  context: RunContext,
): Promise<{ report: LoadReport; delivery: DeliveryReport }> {
  const { baseUrl, log } = context;
  const chaos = parseChaos(options.chaos);
  for (const step of chaos)
    if (step.atMs >= options.durationSeconds * 1000)
      throw new Error(`--chaos step at ${step.atMs} ms is after the end of the traffic`);
  if (context.cluster) assertComponents(chaos, context.cluster);
  const random = seededRandom(options.seed);
  const runTag = randomBytes(3).toString('hex');
  const metrics = new LoadMetrics(Math.max(1000, Math.ceil(options.durationSeconds / 300) * 1000));
  const onWait = (code: string) => metrics.recordError(`prepare:${code}`);

  // Preparation: users, rooms, memberships.
  const prepareStarted = Date.now();
  log(
    `preparing ${options.users} users${options.reuseUsers ? ' (reusing earlier ones)' : ''} against ${baseUrl}`,
  );
  const { sessions, reused } = await acquireSessions(anonymousApi(baseUrl), {
    baseUrl,
    count: options.users,
    // The kit's own cluster starts with an empty store every time: nobody to reuse, nothing to remember.
    usersFile: context.cluster ? null : options.usersFile,
    reuse: options.reuseUsers && !context.cluster,
    concurrency: options.prepareConcurrency,
    onWait,
    onReady: (done) => done % 100 === 0 && log(`  ${done}/${options.users} users ready`),
  });
  const users: LoadSession[] = sessions.map((session) => loadSession(baseUrl, session));
  const sizes = roomSizes(options.users, options.rooms, options.roomSizes, random);
  const rooms = await prepareRooms(
    (session) => users[sessions.indexOf(session)].api,
    sessions,
    assignUsers(sizes),
    runTag,
    options.prepareConcurrency,
    onWait,
  );
  const roomOf = new Map(
    rooms.flatMap(({ room, members }) => members.map((user) => [user, room.id] as const)),
  );
  const prepareSeconds = (Date.now() - prepareStarted) / 1000;

  // Connections: every user a socket, then a join of its room (the join point for the checker).
  const intendedById = new Map<string, number>();
  const connectStarted = Date.now();
  let connectFailures = 0;
  log(`connecting ${options.users} clients (${options.transport})`);
  const connected = await mapBounded(users, CONNECT_CONCURRENCY, async (user, index) => {
    const client = new RecordingClient({
      baseUrl,
      clientId: `u${index}`,
      userId: user.session.user.id,
      token: user.token,
      localAddress: sourceAddress(baseUrl, options, index),
      transports: options.transport === 'polling' ? ['polling', 'websocket'] : ['websocket'],
      onError: (code) => metrics.recordError(code),
      onDeliver: (message, at) => {
        if (message.senderId === user.session.user.id) return;
        const intended = intendedById.get(message.clientMsgId);
        if (intended !== undefined) metrics.recordDelivery(intended, at);
      },
    });
    try {
      await client.open(30_000);
      metrics.recordConnect(client.connectMs ?? 0);
      return { client, roomId: roomOf.get(index)! };
    } catch {
      connectFailures += 1;
      metrics.recordError('CONNECT_TIMEOUT');
      client.close();
      return null;
    }
  });
  const connectSeconds = (Date.now() - connectStarted) / 1000;
  const clients = connected.filter((entry): entry is NonNullable<typeof entry> => entry !== null);
  const members: MemberJoin[] = await mapBounded(
    clients,
    CONNECT_CONCURRENCY,
    async ({ client, roomId }) => ({
      clientId: client.id,
      roomId,
      fromSeq: await client.join(roomId),
    }),
  );

  // Traffic: the offered load, history readers and chaos steps, with live progress.
  const senderCount = Math.max(1, Math.round(clients.length * options.sendersShare));
  const senders: Sender[] = [...clients].sort(() => random() - 0.5).slice(0, senderCount);
  const readerCount = Math.round(clients.length * options.historyShare);
  const readers = clients.slice(0, readerCount).map(({ client, roomId }) => ({
    api: users[Number(client.id.slice(1))].api,
    roomId,
  }));
  const durationMs = options.durationSeconds * 1000;
  const rampUpMs = options.rampUpSeconds * 1000;
  const startAt = Date.now() + 200;
  metrics.start(startAt);
  log(
    `offering ${options.rate} msg/s from ${senders.length} senders for ${options.durationSeconds} s ` +
      `(ramp-up ${options.rampUpSeconds} s), ${readers.length} history readers`,
  );
  let trafficOver = false;
  const stopProgress = startProgress(
    metrics,
    startAt,
    durationMs,
    (offset) => offeredRateAt(offset, options.rate, rampUpMs),
    options.progressSeconds * 1000,
  );
  const chaosRecords: ChaosRecord[] = [];
  const chaosDone = Promise.all(
    chaos.map(async (step) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt + step.atMs - Date.now())));
      const began = Date.now();
      const name = `${step.action}:${step.component}`;
      log(`chaos: ${name}`);
      const record: ChaosRecord = { step: name, atMs: began - startAt, tookMs: 0 };
      try {
        await applyChaos(step, context.cluster!);
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      record.tookMs = Date.now() - began;
      chaosRecords.push(record);
    }),
  );
  const reading = runHistoryReaders(
    readers,
    options.historyIntervalSeconds * 1000,
    metrics,
    () => trafficOver || context.stopRequested(),
  );
  try {
    await runTraffic(
      senders,
      {
        startAt,
        rate: options.rate,
        rampUpMs,
        durationMs,
        maxMessages: options.maxMessages,
        body: messageBody(options.messageBytes),
        runTag,
        intendedById,
        stopRequested: context.stopRequested,
      },
      metrics,
    );
  } finally {
    trafficOver = true;
    stopProgress();
  }
  const trafficSeconds = (Date.now() - startAt) / 1000;
  await Promise.all([reading, chaosDone]);

  // Verdict: recovery, the stored history, the delivery checker.
  log('traffic over: recovering every client and reading the history back');
  const ownerApi = (room: (typeof rooms)[number]) => users[room.members[0]].api;
  const { delivery, unrecovered } = await checkRun(clients, rooms, ownerApi, members);
  for (const { client } of clients) client.close();
  for (const user of users) user.stop();

  const reconnects = clients.flatMap(({ client }) => client.reconnects).sort((a, b) => a - b);
  const report: LoadReport = {
    startedAt: new Date(prepareStarted).toISOString(),
    target: baseUrl,
    options: { ...options, usersFile: undefined } as LoadReport['options'],
    rooms: { count: rooms.length, sizes },
    prepare: { seconds: Math.round(prepareSeconds * 10) / 10, users: sessions.length, reused },
    connects: {
      count: clients.length,
      failed: connectFailures,
      perSecond: Math.round(options.users / connectSeconds),
      latency: percentiles(metrics.connect),
    },
    traffic: {
      seconds: Math.round(trafficSeconds * 10) / 10,
      offeredRate: options.rate,
      sent: metrics.sent,
      acked: metrics.acked,
      failed: metrics.failed,
      delivered: metrics.delivered,
      deliveredPerSecond: Math.round(metrics.delivered / trafficSeconds),
      historyReads: metrics.historyReads,
    },
    latency: {
      sendAck: percentiles(metrics.sendAck),
      delivery: percentiles(metrics.delivery),
      historyRead: percentiles(metrics.history),
    },
    percentileCurves: {
      sendAck: percentileCurve(metrics.sendAck, CURVE_POINTS),
      delivery: percentileCurve(metrics.delivery, CURVE_POINTS),
    },
    unrecovered,
    reconnects: {
      count: reconnects.length,
      p99Ms: reconnects.length ? reconnects[Math.ceil(reconnects.length * 0.99) - 1] : 0,
      maxMs: reconnects.at(-1) ?? 0,
    },
    errors: Object.fromEntries(metrics.errors),
    chaos: chaosRecords.sort((a, b) => a.atMs - b.atMs),
    checker: summariseChecker(delivery),
    timeline: metrics.timeline(),
    ok: delivery.ok && connectFailures === 0 && unrecovered.length === 0,
  };
  return { report, delivery };
}
