import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { Cluster } from '@chat/local-cluster';

/**
 * The production topology on this machine (apps/cluster): nginx, 3 gateways, 2 auth, 2 rooms, Redis,
 * and `mongoUrl` or the stand-in store. It belongs to this run, so the registration limit per address
 * is lifted (every load user registers from loopback); every other limit stays at its default.
 */
export async function startLocalCluster(mongoUrl: string | undefined): Promise<Cluster> {
  const cluster = new Cluster({
    port: await freePort(),
    runDir: mkdtempSync(join(tmpdir(), 'chat-loadgen-cluster-')),
    mongoUrl,
    logLevel: 'warn',
    env: { auth: { RATE_LIMIT_REGISTER_PER_MINUTE: '100000' } },
  });
  await cluster.start();
  return cluster;
}
