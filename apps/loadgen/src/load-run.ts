import { randomBytes } from 'node:crypto';
import type { DeliveryReport } from '@chat/delivery-checker';
import { assertComponents, parseChaos, scheduleChaos, type ChaosTarget } from './chaos-plan';
import { connectClients } from './connect-clients';
import { checkRun } from './final-check';
import { runHistoryReaders } from './history-readers';
import { LoadMetrics } from './load-metrics';
import type { LoadOptions } from './load-options';
import { buildLoadReport, type LoadReport } from './load-report';
import { anonymousApi, loadClient } from './load-session';
import { prepareRooms } from './prepare-rooms';
import { startProgress } from './progress';
import { assignUsers, roomSizes, seededRandom } from './room-plan';
import { offeredRateAt } from '@chat/load-measure';
import { messageBody, runTraffic, type Sender } from './traffic';
import { uploadFile } from './uploads';
import { acquireSessions } from './user-pool';

export interface RunContext {
  baseUrl: string;
  /** Present when the kit drives its own local cluster: chaos steps act on it. */
  cluster?: ChaosTarget;
  log: (line: string) => void;
  stopRequested: () => boolean;
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
  const startedAt = Date.now();
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
  // Each user's client: its session and HTTP API now, its socket once the rooms are ready.
  const intendedById = new Map<string, number>();
  const users = sessions.map((session, index) =>
    loadClient(baseUrl, session, index, options, metrics, intendedById),
  );
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
  const prepare = { seconds: (Date.now() - startedAt) / 1000, users: sessions.length, reused };

  log(`connecting ${options.users} clients (${options.transport})`);
  const connections = await connectClients(users, roomOf, metrics);
  const { clients } = connections;

  // Traffic: the offered load, history readers and chaos steps, with live progress.
  const senders: Sender[] = [...clients]
    .sort(() => random() - 0.5)
    .slice(0, Math.max(1, Math.round(clients.length * options.sendersShare)));
  const readers = clients
    .slice(0, Math.round(clients.length * options.historyShare))
    .map(({ user, roomId }) => ({ api: users[user].api, roomId }));
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
  const chaosDone = scheduleChaos(chaos, context.cluster, startAt, log);
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
        uploads: { share: options.uploadsShare, file: uploadFile(options.uploadBytes, runTag) },
        runTag,
        changes: options.changes,
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
  const [, chaosRecords] = await Promise.all([reading, chaosDone]);

  // Verdict: recovery, the stored history, the delivery checker.
  log('traffic over: recovering every client and reading the history back');
  const ownerApi = (room: (typeof rooms)[number]) => users[room.members[0]].api;
  const { delivery, unrecovered } = await checkRun(clients, rooms, ownerApi, connections.members);
  for (const user of users) user.close();
  const report = buildLoadReport({
    options,
    target: baseUrl,
    startedAt,
    roomSizes: sizes,
    prepare,
    connections,
    trafficSeconds,
    metrics,
    chaos: chaosRecords,
    delivery,
    unrecovered,
  });
  return { report, delivery };
}
