import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
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

// The package is ESM-only; a compiled CommonJS `import()` would become `require()`, so keep a real one.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant string, not input: the only way to keep a native import()
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
 * Starts the MongoDB-wire-compatible store that installs from npm (CongoDB), in memory, optionally
 * snapshotted to a file every `snapshotIntervalMs` and on stop. It is the standalone server's embedded
 * store and the tests' fallback; see docs/architecture.md for what it lacks.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const { congodb } = (await importEsm('@push.rocks/smartmongo')) as SmartMongoModule;
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
