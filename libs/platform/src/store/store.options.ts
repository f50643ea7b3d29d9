import type { SqliteSynchronous } from '../sqlite/sqlite.options';

/**
 * Which database serves the storage ports: MongoDB for every multi-process deployment, SQLite for the
 * single process. Each library ships an adapter for both and the app's composition picks one set.
 */
export type StoreOptions =
  { kind: 'mongo'; url: string } | { kind: 'sqlite'; path: string; synchronous?: SqliteSynchronous };

export type StoreKind = StoreOptions['kind'];
