import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMicros } from './process-cpu';

/**
 * Waits until the processes use less than `share` of a core over a quarter second (or `maxMs` passes),
 * so that an overloaded step's backlog is not billed to the next target on the same core.
 */
export async function waitUntilQuiet(pids: number[], share = 0.1, maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = cpuMicros(pids);
    await sleep(250);
    if (cpuMicros(pids) - before < share * 250_000) return;
  }
}
