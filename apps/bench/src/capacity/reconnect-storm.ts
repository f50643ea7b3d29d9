import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from '@chat/local-cluster';
import { sourceAddresses } from './idle-sockets';
import { split, type Swarm } from './swarm';

export interface StormResult {
  /** What was restarted: `nginx` or `gateway-1`. */
  restarted: string;
  /** Clients connected when the restart began. */
  clients: number;
  /** From the restart command until every client was connected again, ms; null if some never came back. */
  recoveryMs: number | null;
  /** How long the restart itself took (stop + start + ready), ms. */
  restartMs: number;
  backAtEnd: number;
}

/**
 * `clients` sockets through nginx that reconnect as the chat's clients do (Socket.IO's backoff of
 * 1–5 s after a transport drop; the drain's delay after `server:draining`); then the component restarts
 * and the clock runs until every socket is connected again (60 s at most).
 */
export async function reconnectStorm(
  cluster: Cluster,
  swarm: Swarm,
  tokens: string[],
  restarted: 'nginx' | 'gateway-1',
  afterRestart: () => void,
): Promise<StormResult> {
  const addresses = sourceAddresses(tokens.length, 100);
  await swarm.ask(
    split(tokens, swarm.size).map((share) => ({
      op: 'connect' as const,
      url: cluster.url,
      tokens: share,
      addresses,
      concurrency: 50,
      reconnection: true,
    })),
  );
  // Handshakes refused or timed out on a busy box are not part of the storm: count who was connected.
  const clients = await swarm.connected();
  const started = Date.now();
  await cluster.restart(restarted);
  const restartMs = Date.now() - started;
  afterRestart();
  let back = await swarm.connected();
  while (back < clients && Date.now() - started < 60_000) {
    await sleep(100);
    back = await swarm.connected();
  }
  const recoveryMs = back >= clients ? Date.now() - started : null;
  console.log(
    `reconnect storm (${restarted} restarted, ${clients} of ${tokens.length} clients connected): ` +
      `${back} back after ${Date.now() - started} ms; the restart itself took ${restartMs} ms`,
  );
  await swarm.closeSockets();
  return { restarted, clients, recoveryMs, restartMs, backAtEnd: back };
}
