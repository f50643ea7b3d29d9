import { setTimeout as sleep } from 'node:timers/promises';
import { readPidFile, stillOurs, type PidEntry } from './pid-file';

const ORDER = ['nginx', 'gateway', 'rooms', 'auth', 'redis', 'mongo'];
const rank = (entry: PidEntry) => ORDER.findIndex((kind) => entry.name.startsWith(kind));

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone already
  }
}

/**
 * Stops a cluster started by another process (`cluster:up`), from its PID file. A PID is signalled
 * only while /proc shows the command line recorded at start, so a reused PID is never touched.
 */
export async function stopFromPidFile(pidFile: string, graceMs = 15_000): Promise<string[]> {
  const entries = readPidFile(pidFile).filter(stillOurs);
  entries.sort((a, b) => rank(a) - rank(b));
  for (const entry of entries) {
    signalGroup(entry.pid, 'SIGCONT');
    signalGroup(entry.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (stillOurs(entry) && Date.now() < deadline) await sleep(100);
    if (stillOurs(entry)) signalGroup(entry.pid, 'SIGKILL');
  }
  return entries.map((entry) => entry.name);
}
