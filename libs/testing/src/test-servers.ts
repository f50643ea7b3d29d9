import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the global set-up chose, handed to the test files through a state file and the environment. */
export interface TestServers {
  mongoUrl: string;
  redisUrl: string;
  /** `real` for a MongoDB server, `embedded` for the stand-in with its documented gaps. */
  mongoKind: 'real' | 'embedded';
  mongoSource: string;
  /** Why the run has no real MongoDB (no container runtime, and no MONGO_URL); absent when it has one. */
  noRealMongo?: string;
  redisSource: string;
}

export const STATE_FILE = join(tmpdir(), `chat-test-servers-${process.ppid}-${process.pid}.json`);
export const STATE_ENV = 'CHAT_TEST_SERVERS_FILE';

export function testServers(): TestServers {
  const file = process.env[STATE_ENV];
  if (!file) throw new Error('Test servers are not set up: run the suite through jest (globalSetup).');
  return JSON.parse(readFileSync(file, 'utf8')) as TestServers;
}

/** A database of its own for each test file, on whatever server was chosen. */
export function mongoUrlFor(database: string): string {
  const url = new URL(testServers().mongoUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A describe block for what only a real MongoDB server can prove (unique-index races between replicas,
 * the TTL index, `$text`): it runs where the global set-up found one (MONGO_URL, or Testcontainers on a
 * container runtime) and is skipped elsewhere, with the reason printed once for the file.
 */
export function describeOnRealMongo(title: string, suite: () => void): void {
  const { mongoKind, noRealMongo } = testServers();
  if (mongoKind === 'real') return describe(title, suite);
  console.log(`real MongoDB tests skipped: ${noRealMongo ?? 'the run uses the embedded stand-in'}`);
  describe.skip(title, suite);
}
