import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { type EmbeddedCommandRouter, lookUpWritesById } from './embedded-id-lookup';
import { paceSnapshots, type SnapshottingStorage } from './snapshot-writer';

export interface EmbeddedMongo {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** Snapshot file to persist to; in memory only when absent. */
  snapshotPath?: string;
  /**
   * How often the snapshot is written (ms); a crash loses at most this much, or about ten times one
   * snapshot's cost once the store is big enough for that to be longer (see snapshot-writer.ts). @default 1000
   */
  snapshotIntervalMs?: number;
  /** @default a free loopback port */
  port?: number;
  database?: string;
}

interface CongoServer {
  storage: SnapshottingStorage;
  commandRouter: EmbeddedCommandRouter;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface SmartMongoModule {
  congodb: {
    CongoServer: new (options: {
      host: string;
      port: number;
      storage: 'memory';
      persistPath?: string;
      persistIntervalMs?: number;
    }) => CongoServer;
  };
}

/** A snapshot that does not parse is refused: starting empty over it would lose every record. */
function assertSnapshotReadable(snapshotPath: string): void {
  if (!existsSync(snapshotPath)) return;
  try {
    JSON.parse(readFileSync(snapshotPath, 'utf8'));
  } catch (error) {
    throw new Error(
      `The embedded store's snapshot ${snapshotPath} is unreadable (${String(error)}); refusing to start over it`,
    );
  }
}

/**
 * The address drivers should use for the stand-in. It must say `serverMonitoringMode=poll`: the stand-in
 * advertises a `topologyVersion`, so the driver monitors it with the streaming (exhaust) hello, but the
 * stand-in answers that hello once and never streams. The driver reads that as "Server ended moreToCome
 * unexpectedly", marks the server Unknown and clears its pool: every connection closes, and every
 * operation waits for the next heartbeat (`minHeartbeatFrequencyMS`, 500 ms) and a fresh connection. That
 * cycle repeated about once a second and was the ~500 ms ack-latency stall in docs/benchmarks-profiling.md.
 * Polling hellos are ordinary request-reply commands, which the stand-in answers correctly.
 */
export function embeddedMongoUrl(port: number, database = 'chat'): string {
  return `mongodb://127.0.0.1:${port}/${database}?serverMonitoringMode=poll`;
}

/**
 * Starts the MongoDB-wire-compatible test double that installs from npm (CongoDB), in memory, optionally
 * snapshotted to a file every `snapshotIntervalMs` and on stop. It stands in for MongoDB in the tests and
 * the local cluster where no real server exists; never in production (see docs/architecture.md).
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  // ESM-only; Node 24 loads it through require(esm), which the compiled CommonJS uses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the typed shape is declared above
  const { congodb } = require('@push.rocks/smartmongo') as SmartMongoModule;
  const port = options.port ?? (await freePort());
  const { snapshotPath } = options;
  if (snapshotPath) {
    mkdirSync(dirname(snapshotPath), { recursive: true });
    assertSnapshotReadable(snapshotPath);
  }
  const server = new congodb.CongoServer({
    host: '127.0.0.1',
    port,
    storage: 'memory',
    persistPath: snapshotPath,
    persistIntervalMs: snapshotPath ? (options.snapshotIntervalMs ?? 1000) : undefined,
  });
  if (snapshotPath) paceSnapshots(server.storage, snapshotPath);
  lookUpWritesById(server.commandRouter);
  await server.start();
  return { url: embeddedMongoUrl(port, options.database), stop: () => server.stop() };
}
