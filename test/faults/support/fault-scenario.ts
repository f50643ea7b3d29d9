import type { Message, Room, Session } from '@chat/contracts';
import {
  checkDelivery,
  formatReport,
  type DeliveryReport,
  type MemberJoin,
  type StoredMessage,
} from '@chat/delivery-checker';
import { HttpClient } from '@chat/testing';
import type { Cluster } from '../../../apps/cluster/src';
import { FaultClient } from './fault-client';
import { GATEWAYS } from './fault-cluster';
import { gatewayFor, spreadAddresses } from './gateway-map';

const PASSWORD = 'correct horse battery';
let counter = 0;
const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter += 1)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ScenarioOptions {
  name: string;
  /** Clients per gateway (each a user of its own, each sending). @default 2 */
  perGateway?: number;
  /** How long every client keeps sending, one message every `intervalMs`. @default 8000 */
  trafficMs?: number;
  /** @default 150 */
  intervalMs?: number;
  /**
   * Extra clients on `['polling', 'websocket']` (polling, then upgrade). Node's polling transport cannot
   * bind a source address, so they all come from 127.0.0.1 and share that address's gateway. @default 0
   */
  pollingClients?: number;
  /** The failure, started `faultAfterMs` into the traffic; it resolves once the component is back. */
  fault: (placement: Placement[]) => Promise<void>;
  /** @default 2000 */
  faultAfterMs?: number;
}

export interface Placement {
  address: string;
  gateway: string;
  polling?: boolean;
}

export interface ScenarioResult {
  report: DeliveryReport;
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
  if (options.pollingClients) {
    const gateway = await gatewayFor(cluster, '127.0.0.1', GATEWAYS);
    for (let i = 0; i < options.pollingClients; i++)
      placement.push({ address: '127.0.0.1', gateway, polling: true });
  }
  // A few at a time, as a load kit registers: argon2id makes each one expensive on purpose.
  const sessions: Session[] = [];
  for (let start = 0; start < placement.length; start += 8) {
    sessions.push(...(await Promise.all(placement.slice(start, start + 8).map(() => register(http)))));
  }
  const owner = http.withToken(sessions[0].accessToken);
  const room = (await owner.post<Room>('/api/rooms', { name: options.name, visibility: 'public' })).body;
  await Promise.all(
    sessions.slice(1).map((s) => http.withToken(s.accessToken).post(`/api/rooms/${room.id}/join`)),
  );

  const clients = placement.map(
    ({ address, polling }, index) =>
      new FaultClient({
        baseUrl: cluster.url,
        clientId: `c${index}@${address}`,
        userId: sessions[index].user.id,
        token: sessions[index].accessToken,
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
      clients.map((client) => sendUntil(client, room.id, until, options.intervalMs ?? 150)),
    );
    await sleep(options.faultAfterMs ?? 2000);
    await options.fault(placement);
    await traffic;

    for (const client of clients) await client.recover(room.id);
    const history = await readHistory(owner, room.id);
    const report = checkDelivery({
      sends: clients.flatMap((client) => client.sends),
      receipts: clients.flatMap((client) => client.receipts),
      history,
      members,
    });
    console.log(formatReport(report, options.name));
    const reconnects = clients.flatMap((client) => client.reconnects).sort((a, b) => a - b);
    const reconnectP99Ms = reconnects.length ? reconnects[Math.ceil(reconnects.length * 0.99) - 1] : 0;
    const upgraded = clients.filter(
      (client, index) => placement[index].polling && client.transport === 'websocket',
    );
    return { report, reconnectP99Ms, reconnects: reconnects.length, upgraded: upgraded.length };
  } finally {
    for (const client of clients) client.close();
  }
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
  client: FaultClient,
  roomId: string,
  until: number,
  intervalMs: number,
): Promise<void> {
  for (let n = 1; Date.now() < until; n++) {
    await client.send(
      roomId,
      `${client.id.replace(/[^A-Za-z0-9]/g, '-')}-${n}`,
      `message ${n} from ${client.id}`,
    );
    await sleep(intervalMs);
  }
}

/** The whole history, paged by seq through the balancer: the store's answer is the reference. */
async function readHistory(http: HttpClient, roomId: string): Promise<StoredMessage[]> {
  const stored: StoredMessage[] = [];
  for (let afterSeq = 0; ;) {
    const page = await http.get<{ items: Message[]; hasMore: boolean }>(
      `/api/rooms/${roomId}/messages?afterSeq=${afterSeq}&limit=100`,
    );
    if (page.status !== 200) throw new Error(`history: ${page.status}`);
    for (const { id, seq, senderId, clientMsgId } of page.body.items)
      stored.push({ id, roomId, seq, senderId, clientMsgId });
    if (!page.body.hasMore || page.body.items.length === 0) return stored;
    afterSeq = page.body.items[page.body.items.length - 1].seq;
  }
}

/** The pass criteria every scenario shares: nothing lost, duplicated, reordered or unexpected; quick reconnects. */
export function expectCleanDelivery(result: ScenarioResult): void {
  expect(result.report.counts).toMatchObject({ lost: 0, duplicated: 0, reordered: 0, unexpected: 0 });
  expect(result.report.totals.acked).toBeGreaterThan(50);
  expect(result.reconnectP99Ms).toBeLessThan(10_000);
}
