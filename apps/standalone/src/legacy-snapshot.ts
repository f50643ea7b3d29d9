import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Releases before 0.2 kept the single process's data in an in-memory store snapshotted to
 * DATA_DIR/store.json. Starting empty beside it would look like lost data, so the server refuses until the
 * snapshot is imported (which keeps the old file, renamed).
 */
export function refuseLegacySnapshot(dataDir: string): void {
  const snapshot = join(dataDir, 'store.json');
  if (!existsSync(snapshot) || existsSync(join(dataDir, 'chat.db'))) return;
  throw new Error(
    `${snapshot} holds data from the old embedded store. Import it into the embedded database once with ` +
      '`npm run data:import` (see docs/operations.md), then start again.',
  );
}
