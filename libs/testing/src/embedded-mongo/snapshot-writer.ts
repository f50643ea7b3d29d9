import { rename, writeFile } from 'node:fs/promises';

/** The parts of the store's memory adapter that a snapshot reads (the layout its `restore()` expects). */
export interface SnapshottingStorage {
  databases: Map<string, Map<string, Map<string, unknown>>>;
  indexes: Map<string, Map<string, unknown>>;
  opLogCounter: number;
  persist(): Promise<void>;
  close(): Promise<void>;
}

/** At most this share of wall time goes to snapshots: the pause after one is 9× what it cost. */
const PAUSE_PER_COST = 9;

/**
 * Replaces the store's own snapshot writer. Its writer wrote pretty-printed JSON in place through a slow
 * file layer: it blocked the event loop for ~400 ms every second, and a crash mid-write left a torn file
 * that the store then silently replaced with an empty database. This one writes the same layout
 * compactly to a temporary file and renames it over the old one, so the file on disk is always complete.
 *
 * It is also paced. A snapshot costs time in proportion to everything stored, so a fixed one-second
 * timer eventually queues snapshots faster than they finish and spends the process on them. Timer ticks
 * are therefore skipped while one is being written, and for 9× its cost afterwards (at most 10 % of the
 * time, so the window a crash can lose grows with the store: about 10× one snapshot's cost once that
 * exceeds the interval). Closing always writes a final snapshot, after any in flight.
 */
export function paceSnapshots(
  storage: SnapshottingStorage,
  snapshotPath: string,
  now: () => number = Date.now,
): void {
  let chain = Promise.resolve();
  let writing = false;
  let pauseUntil = 0;
  const write = async () => {
    const started = now();
    try {
      const databases: Record<string, Record<string, unknown[]>> = {};
      for (const [database, collections] of storage.databases) {
        databases[database] = {};
        for (const [collection, documents] of collections)
          databases[database][collection] = [...documents.values()];
      }
      const indexes: Record<string, Record<string, unknown>> = {};
      for (const [database, collections] of storage.indexes)
        indexes[database] = Object.fromEntries(collections);
      const temporary = `${snapshotPath}.tmp`;
      await writeFile(temporary, JSON.stringify({ databases, indexes, opLogCounter: storage.opLogCounter }));
      await rename(temporary, snapshotPath);
    } finally {
      writing = false;
      pauseUntil = now() + (now() - started) * PAUSE_PER_COST;
    }
  };
  const enqueue = () => {
    // Set before the write starts, so that ticks arriving meanwhile see it.
    writing = true;
    return (chain = chain.then(write, write));
  };
  let closing = false;
  const close = storage.close.bind(storage);
  storage.close = () => {
    closing = true;
    return close();
  };
  storage.persist = () => {
    if (closing) return enqueue();
    if (writing || now() < pauseUntil) return chain;
    return enqueue();
  };
}
