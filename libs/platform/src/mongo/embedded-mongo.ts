import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';

export interface EmbeddedMongo {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** Snapshot file to persist to; in memory only when absent. */
  snapshotPath?: string;
  /** How often the snapshot is written (ms); a crash loses at most this much. @default 1000 */
  snapshotIntervalMs?: number;
  /** @default a free loopback port */
  port?: number;
  database?: string;
}

interface SnapshottingStorage {
  persistPath?: string;
  persist(): Promise<void>;
}

interface CongoServer {
  storage: SnapshottingStorage;
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

/**
 * The store writes its snapshot in place, so a crash mid-write would leave a torn file that it then
 * silently replaces with an empty database. Each snapshot is written to a temporary file and renamed
 * over the old one instead, one at a time, so the file on disk is always a complete snapshot.
 */
function makeSnapshotsAtomic(storage: SnapshottingStorage, snapshotPath: string): void {
  const persist = storage.persist.bind(storage);
  let chain = Promise.resolve();
  storage.persist = () => {
    chain = chain.then(async () => {
      const temporary = `${snapshotPath}.tmp`;
      storage.persistPath = temporary;
      try {
        await persist();
        renameSync(temporary, snapshotPath);
      } finally {
        storage.persistPath = snapshotPath;
      }
    });
    return chain;
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
  if (snapshotPath) makeSnapshotsAtomic(server.storage, snapshotPath);
  await server.start();
  return { url: `mongodb://127.0.0.1:${port}/${options.database ?? 'chat'}`, stop: () => server.stop() };
}
