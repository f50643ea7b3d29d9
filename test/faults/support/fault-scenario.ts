import { setTimeout as sleep } from 'node:timers/promises';
import type { Room, Session } from '@chat/contracts';
import {
  checkDelivery,
  formatReport,
  type DeliveryReport,
  type MemberJoin,
  type StoredMessage,
} from '@chat/delivery-checker';
import { HttpClient } from '@chat/testing';
import { gatewayFor, spreadAddresses, type Cluster } from '@chat/local-cluster';
import { timeToLiveFanOut } from './fan-out-probe';
import { ChangeMaker, newestRev, readRoomHistory, RecordingClient } from '@chat/recording-client';
import { GATEWAYS } from './fault-cluster';

const PASSWORD = 'correct horse battery';
let counter = 0;
const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter += 1)}`;

export interface ScenarioOptions {
  name: string;
  /** Sending clients per gateway (each a user of its own). @default 2 */
  perGateway?: number;
  /**
   * Listening clients in all (each a user of its own, joined to the room, never sending), spread evenly
   * over the gateways: they make a crowd to reconnect without adding to the traffic. @default 0
   */
  listeners?: number;
  /** How long every client keeps sending, one message every `intervalMs`. @default 8000 */
  trafficMs?: number;
  /** @default 150 */
  intervalMs?: number;
  /** Senders also edit, delete and react (see ChangeMaker), and every change is checked. @default true */
  changes?: boolean;
  /**
   * Extra clients on `['polling', 'websocket']` (polling, then upgrade). Node's polling transport cannot
   * bind a source address, so they all come from 127.0.0.1 and share that address's gateway. @default 0
   */
  pollingClients?: number;
  /** The failure, started `faultAfterMs` into the traffic; it resolves once the component is back. */
  fault: (placement: Placement[]) => Promise<void>;
  /** @default 2000 */
  faultAfterMs?: number;
  /**
   * Once the fault resolved, measures how long until a message sent through one gateway reaches a
   * client on another live again (see timeToLiveFanOut), between two listeners. Needs `listeners` ≥ 2.
   */
  probeFanOut?: boolean;
}

export interface Placement {
  address: string;
  gateway: string;
  polling?: boolean;
  listener?: boolean;
}

export interface ScenarioResult {
  report: DeliveryReport;
  clients: number;
  /** Clients that lost their connection at least once and got it back. */
  reconnectedClients: number;
  /** With `probeFanOut`: from the fault's end to the first live cross-gateway delivery (ms). */
  fanOutResumedMs: number | null;
  /** Polling clients that ended on the websocket transport. */
  upgraded: number;
  reconnectP99Ms: number;
  reconnects: number;
}

/**
 * A room, clients spread over every gateway through nginx, all sending while the fault happens; then
 * every client recovers, the history is read back, and the delivery checker sorts it all out.
 */
export async function runScenario(cluster: Cluster, options: ScenarioOptions): Promise<ScenarioResult> {
  const http = new HttpClient(cluster.url);
  const placement: Placement[] = await spreadAddresses(cluster, GATEWAYS, options.perGateway ?? 2);
  const senders = placement.length;
  // Listeners share the senders' source addresses, so each lands on its address's gateway.
  for (let i = 0; i < (options.listeners ?? 0); i++)
    placement.push({ ...placement[i % senders], listener: true });
  if (options.pollingClients) {
    const gateway = await gatewayFor(cluster, '127.0.0.1', GATEWAYS);
    for (let i = 0; i < options.pollingClients; i++)
      placement.push({ address: '127.0.0.1', gateway, polling: true });
  }
  // A few at a time, as a load kit registers: argon2id makes each one expensive on purpose.
  const sessions = await inBatches(placement, 8, () => register(http));
  const owner = http.withToken(sessions[0].accessToken);
  const room = (await owner.post<Room>('/api/rooms', { name: options.name, visibility: 'public' })).body;
  await inBatches(sessions.slice(1), 16, async (session) => {
    const joined = await http.withToken(session.accessToken).post(`/api/rooms/${room.id}/join`);
    if (joined.status >= 300) throw new Error(`room join: ${joined.status} ${JSON.stringify(joined.body)}`);
  });

  const clients = placement.map(
    ({ address, polling }, index) =>
      new RecordingClient({
        baseUrl: cluster.url,
        clientId: `c${index}@${address}`,
        session: sessions[index],
        localAddress: polling ? undefined : address,
        transports: polling ? ['polling', 'websocket'] : ['websocket'],
      }),
  );
  const members: MemberJoin[] = [];
  try {
    await Promise.all(clients.map((client) => client.open()));
    for (const client of clients)
      members.push({ clientId: client.id, roomId: room.id, fromSeq: await client.join(room.id) });

    const until = Date.now() + (options.trafficMs ?? 8000);
    const traffic = Promise.all(
      clients
        .filter((_, index) => !placement[index].listener)
        .map((client) =>
          sendUntil(client, room.id, until, options.intervalMs ?? 150, options.changes ?? true),
        ),
    );
    await sleep(options.faultAfterMs ?? 2000);
    await options.fault(placement);
    const fanOutResumedMs = options.probeFanOut
      ? await probeAcrossGateways(clients, placement, room.id)
      : null;
    await traffic;

    for (const client of clients) await client.recover(room.id);
    const history = await settledHistory(clients, room.id);
    const report = checkDelivery({
      sends: clients.flatMap((client) => client.sends),
      receipts: clients.flatMap((client) => client.receipts),
      history,
      members,
      changes: clients.flatMap((client) => client.changes),
      states: clients.flatMap((client) => client.states()),
    });
    const reconnects = clients.flatMap((client) => client.reconnects).sort((a, b) => a - b);
    const reconnectP99Ms = reconnects.length ? reconnects[Math.ceil(reconnects.length * 0.99) - 1] : 0;
    console.log(
      `${formatReport(report, options.name)}\n  reconnects ${reconnects.length} (p99 ${reconnectP99Ms} ms)`,
    );
    const upgraded = clients.filter(
      (client, index) => placement[index].polling && client.transport === 'websocket',
    );
    return {
      report,
      clients: clients.length,
      reconnectedClients: clients.filter((client) => client.reconnects.length > 0).length,
      fanOutResumedMs,
      reconnectP99Ms,
      reconnects: reconnects.length,
      upgraded: upgraded.length,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

/** `work` for every item, at most `size` at a time; the results in the items' order. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

/** Two listeners on different gateways: the first's probes must reach the second live. */
function probeAcrossGateways(
  clients: RecordingClient[],
  placement: Placement[],
  roomId: string,
): Promise<number> {
  const from = placement.findIndex((place) => place.listener);
  const to = placement.findIndex((place) => place.listener && place.gateway !== placement[from].gateway);
  if (from < 0 || to < 0) throw new Error('probeFanOut needs listeners on two gateways');
  return timeToLiveFanOut(clients[from], clients[to], roomId);
}

async function register(http: HttpClient): Promise<Session> {
  const result = await http.post<Session>('/api/auth/register', {
    username: uniqueName('fault'),
    password: PASSWORD,
  });
  if (result.status !== 201) throw new Error(`register: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function sendUntil(
  client: RecordingClient,
  roomId: string,
  until: number,
  intervalMs: number,
  withChanges: boolean,
): Promise<void> {
  const changes = new ChangeMaker(client, roomId);
  for (let n = 1; Date.now() < until; n++) {
    const record = await client.send(
      roomId,
      `${client.id.replace(/[^A-Za-z0-9]/g, '-')}-${n}`,
      `message ${n} from ${client.id}`,
    );
    if (withChanges) await changes.afterSend(record);
    await sleep(intervalMs);
  }
}

/**
 * The whole history through the balancer, once every client knows the changes through its newest rev.
 * A change that timed out at its client may still land late; then the history is read again.
 */
async function settledHistory(clients: RecordingClient[], roomId: string): Promise<StoredMessage[]> {
  for (let reads = 1; ; reads++) {
    const history = await readRoomHistory(clients[0].api, roomId);
    await Promise.all(clients.map((client) => client.caughtUpTo(roomId, newestRev(history))));
    const again = await readRoomHistory(clients[0].api, roomId);
    if (newestRev(again) === newestRev(history) || reads === 3) return again;
  }
}

/**
 * The pass criteria every scenario shares: no message or change lost, nothing duplicated, reordered or
 * unexpected; quick reconnects.
 */
export function expectCleanDelivery(result: ScenarioResult): void {
  expect(result.report.counts).toMatchObject({
    lost: 0,
    lostChanges: 0,
    duplicated: 0,
    reordered: 0,
    unexpected: 0,
  });
  expect(result.report.totals.acked).toBeGreaterThan(50);
  expect(result.reconnectP99Ms).toBeLessThan(10_000);
}
