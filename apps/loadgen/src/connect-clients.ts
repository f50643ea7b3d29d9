import type { MemberJoin } from '@chat/delivery-checker';
import { RecordingClient } from '@chat/recording-client';
import { mapBounded } from './bounded';
import type { LoadMetrics } from './load-metrics';
import type { LoadOptions } from './load-options';
import type { LoadSession } from './load-session';
import { isLoopback } from './target-guard';

const CONNECT_CONCURRENCY = 50;

export interface ConnectedClient {
  client: RecordingClient;
  /** Index into the run's users. */
  user: number;
  roomId: string;
}

export interface Connections {
  clients: ConnectedClient[];
  /** Each client's join point, for the delivery checker. */
  members: MemberJoin[];
  failed: number;
  seconds: number;
}

/** Loopback source addresses for websocket clients: behind `hash $remote_addr` they spread over gateways. */
function sourceAddress(baseUrl: string, options: LoadOptions, index: number): string | undefined {
  if (!isLoopback(baseUrl) || options.transport !== 'websocket') return undefined;
  return `127.0.0.${2 + (index % 250)}`;
}

/**
 * Every user a socket (at most 50 connecting at once), then a join of its room: the join point from
 * which the checker expects every message. Receivers time each delivery from its intended send time,
 * looked up in `intendedById`; a client that does not connect within 30 s is counted and left out.
 */
export async function connectClients(
  baseUrl: string,
  users: LoadSession[],
  roomOf: Map<number, string>,
  options: LoadOptions,
  metrics: LoadMetrics,
  intendedById: Map<string, number>,
): Promise<Connections> {
  const started = Date.now();
  let failed = 0;
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
      return { client, user: index, roomId: roomOf.get(index)! };
    } catch {
      failed += 1;
      metrics.recordError('CONNECT_TIMEOUT');
      client.close();
      return null;
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const clients = connected.filter((entry): entry is ConnectedClient => entry !== null);
  const members = await mapBounded(clients, CONNECT_CONCURRENCY, async ({ client, roomId }) => ({
    clientId: client.id,
    roomId,
    fromSeq: await client.join(roomId),
  }));
  return { clients, members, failed, seconds };
}
