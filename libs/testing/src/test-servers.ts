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
 * For the few tests that prove what the stand-in cannot have (unique-index races, `$text`, TTL):
 * they run on real MongoDB and are skipped, with the reason printed, on the stand-in.
 */
export function onRealMongo(reason: string): boolean {
  if (testServers().mongoKind === 'real') return true;
  console.warn(`skipped on the embedded store: ${reason}`);
  return false;
}
