import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

export interface EmbeddedMongo {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** Folder to persist to; in memory when absent. */
  storagePath?: string;
  /** @default a free loopback port */
  port?: number;
  database?: string;
}

interface CongoServer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface SmartMongoModule {
  congodb: {
    CongoServer: new (options: {
      host: string;
      port: number;
      storage: 'memory' | 'file';
      storagePath?: string;
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
 * Starts the MongoDB-wire-compatible store that installs from npm (CongoDB). It is the standalone
 * server's embedded store and the tests' fallback; see docs/architecture.md for what it lacks.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const { congodb } = (await importEsm('@push.rocks/smartmongo')) as SmartMongoModule;
  const port = options.port ?? (await freePort());
  if (options.storagePath) mkdirSync(options.storagePath, { recursive: true });
  const server = new congodb.CongoServer({
    host: '127.0.0.1',
    port,
    storage: options.storagePath ? 'file' : 'memory',
    storagePath: options.storagePath,
  });
  await server.start();
  return { url: `mongodb://127.0.0.1:${port}/${options.database ?? 'chat'}`, stop: () => server.stop() };
}
