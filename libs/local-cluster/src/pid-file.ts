import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface PidEntry {
  name: string;
  pid: number;
  /** The command line at start: `cluster:down` signals a PID only while it still runs this. */
  cmdline: string;
}

export function readPidFile(path: string): PidEntry[] {
  if (!existsSync(path)) return [];
  return JSON.parse(readFileSync(path, 'utf8')) as PidEntry[];
}

export function writePidFile(path: string, entries: PidEntry[]): void {
  writeFileSync(path, `${JSON.stringify(entries, null, 2)}\n`);
}

/** The process's command line as /proc shows it, or null when it is gone. */
export function cmdlineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

/** Guards against PID reuse: the PID must still run the command the cluster started. */
export function stillOurs(entry: PidEntry): boolean {
  return cmdlineOf(entry.pid) === entry.cmdline;
}
