import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { mongoUrlFor } from '@chat/testing';
import { Cluster } from '@chat/local-cluster';

/**
 * One full cluster per test file (nginx on a free port, 3 gateways, 2 auth, 2 rooms, its own Redis so
 * that it can kill it), on the suite's MongoDB with a database of its own.
 */
export async function startFaultCluster(database: string): Promise<Cluster> {
  const cluster = new Cluster({
    port: await freePort(),
    runDir: mkdtempSync(join(tmpdir(), `chat-cluster-${database}-`)),
    mongoUrl: mongoUrlFor(database),
    logLevel: 'warn',
    env: {
      // Registration and sends come from a handful of loopback addresses at test rates.
      auth: { RATE_LIMIT_REGISTER_PER_MINUTE: '100000' },
      gateway: {
        RATE_LIMIT_SEND_POINTS: '10000',
        RATE_LIMIT_SOCKET_EVENT_POINTS: '10000',
        DRAIN_RECONNECT_JITTER_MS: '1000',
        SHUTDOWN_GRACE_MS: '15000',
      },
    },
  });
  await cluster.start();
  return cluster;
}

export const GATEWAYS = ['gateway-1', 'gateway-2', 'gateway-3'];
