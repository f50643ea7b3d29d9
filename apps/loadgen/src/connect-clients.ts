import type { MemberJoin } from '@chat/delivery-checker';
import type { RecordingClient } from '@chat/recording-client';
import { mapBounded } from './bounded';
import type { LoadMetrics } from './load-metrics';

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

/**
 * Connects every user's socket (at most 50 connecting at once), then joins its room: the join point
 * from which the checker expects every message. A client that does not connect within 30 s is counted
 * and left out.
 */
export async function connectClients(
  users: RecordingClient[],
  roomOf: Map<number, string>,
  metrics: LoadMetrics,
): Promise<Connections> {
  const started = Date.now();
  let failed = 0;
  const connected = await mapBounded(users, CONNECT_CONCURRENCY, async (client, index) => {
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
