import type { IdleResult } from './idle-sockets';
import type { StormResult } from './reconnect-storm';
import type { SendAckResult } from './send-ack';
import type { StandaloneMemoryResult } from './standalone-memory';

export interface CapacityResult {
  idle: IdleResult | null;
  storms: StormResult[];
  sendAck: SendAckResult | null;
  standaloneMemory: StandaloneMemoryResult | null;
}

const goal = (met: boolean) => (met ? 'yes' : 'no');

/** The capacity figures as one markdown table, each with the issue's goal where it sets one. */
export function capacityTable({ idle, storms, sendAck, standaloneMemory }: CapacityResult): string {
  const lines = ['| figure | value | goal | met |', '| --- | --- | --- | --- |'];
  for (const level of idle?.levels ?? []) {
    lines.push(
      `| idle authenticated sockets on one gateway | ${level.sockets} (${level.failed} failed) | ≥ 10,000 | ` +
        `${goal(level.sockets >= 10_000)} |`,
      `| RSS per socket at ${level.sockets} | ${level.rssKbPerSocket} KB | ≤ 25 KB | ${goal(level.rssKbPerSocket <= 25)} |`,
      `| V8 heap per socket at ${level.sockets} | ${level.heapKbPerSocket} KB | – | – |`,
      `| connects per second with JWT verification (to ${level.sockets}) | ${level.connectsPerSecond} | ≥ 1,000 | ` +
        `${goal(level.connectsPerSecond >= 1000)} |`,
    );
  }
  for (const storm of storms) {
    lines.push(
      `| reconnect storm: ${storm.clients} clients back after restarting ${storm.restarted} | ` +
        `${storm.recoveryMs === null ? `only ${storm.backAtEnd} within 60 s` : `${storm.recoveryMs} ms`} ` +
        `(restart itself ${storm.restartMs} ms) | – | – |`,
    );
  }
  if (sendAck) {
    lines.push(
      `| durable send→ack at ${sendAck.offeredPerSecond} msg/s (${sendAck.senders} senders), store stand-in | ` +
        `p50 ${sendAck.p50} ms, p99 ${sendAck.p99} ms, max ${sendAck.max} ms, ${sendAck.failed} failed | – | – |`,
    );
  }
  if (standaloneMemory) {
    for (const level of standaloneMemory.levels)
      lines.push(
        `| standalone RSS after ${level.messages} stored messages (SQLite, fsync on) | ` +
          `${Math.round(level.rssKb / 1024)} MB (V8 heap ${Math.round(level.heapUsedKb / 1024)} MB; stored at ` +
          `${level.storedPerSecond} msg/s) | – | – |`,
      );
    lines.push(
      `| standalone RSS growth, last level / first | ${standaloneMemory.growth}× | ≤ 1.5× | ` +
        `${goal(standaloneMemory.growth <= 1.5)} |`,
    );
  }
  return lines.join('\n');
}
