import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase, type SqliteSynchronous } from '@chat/platform/sqlite';

export interface CommitCostOptions {
  messages: string;
  batch: string;
}

interface CommitCost {
  synchronous: SqliteSynchronous;
  /** One write awaited before the next: one commit each. */
  singleMicros: number;
  /** `batch` writes queued at once: one group commit for all of them. */
  groupedMicros: number;
}

async function measure(synchronous: SqliteSynchronous, messages: number, batch: number): Promise<CommitCost> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-commit-'));
  const database = new SqliteDatabase({ path: join(dir, 'cost.db'), synchronous });
  try {
    database.db.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, room TEXT NOT NULL, body TEXT NOT NULL)');
    const insert = database.db.prepare('INSERT INTO m (room, body) VALUES (?, ?)');
    const body = 'x'.repeat(100);
    let started = process.hrtime.bigint();
    for (let i = 0; i < messages; i++) await database.write(() => insert.run('r', body));
    const singleMicros = Number(process.hrtime.bigint() - started) / 1000 / messages;
    started = process.hrtime.bigint();
    for (let i = 0; i < messages; i += batch)
      await Promise.all(Array.from({ length: batch }, () => database.write(() => insert.run('r', body))));
    const groupedMicros = Number(process.hrtime.bigint() - started) / 1000 / messages;
    return { synchronous, singleMicros, groupedMicros };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a durable commit costs the single process: the embedded database's own write path (the group
 * commit of SqliteDatabase), on this machine's disk, with and without the sync at commit.
 */
export async function runCommitCost(options: CommitCostOptions): Promise<void> {
  const messages = Number(options.messages);
  const batch = Number(options.batch);
  const lines = [
    `| synchronous | one write per commit, µs/message | ${batch} writes per group commit, µs/message |`,
    '| --- | --- | --- |',
  ];
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    const cost = await measure(synchronous, messages, batch);
    lines.push(`| ${synchronous} | ${cost.singleMicros.toFixed(1)} | ${cost.groupedMicros.toFixed(1)} |`);
  }
  console.log(`${messages} messages of 100 bytes, WAL mode\n\n${lines.join('\n')}`);
}
