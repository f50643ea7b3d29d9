import { rmSync } from 'node:fs';
import { STATE_FILE } from './test-servers';

export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __chatTestStops?: (() => Promise<void>)[] }).__chatTestStops ?? [];
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(STATE_FILE, { force: true });
}
