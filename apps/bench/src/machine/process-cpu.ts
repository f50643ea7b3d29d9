import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { descendants, parseProcessStat, statusKb, type ProcessTimes } from './proc-stat';

/** Clock ticks per second of /proc times (USER_HZ), 100 on almost every Linux. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readStat(pid: number | string): ProcessTimes | undefined {
  try {
    return parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // gone between the listing and the read
  }
}

/** Every process now running: pid, parent and CPU ticks. */
export function allProcesses(): ProcessTimes[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => readStat(pid) ?? []);
}

/** The roots and everything they started (nginx's workers, a server's helpers). */
export function processTree(roots: number[]): number[] {
  return descendants(roots, allProcesses());
}

/** CPU time (user + system) the processes have used so far, in microseconds. */
export function cpuMicros(pids: number[]): number {
  const ticks = pids.reduce((sum, pid) => sum + (readStat(pid)?.ticks ?? 0), 0);
  return (ticks * 1_000_000) / TICKS_PER_SECOND;
}

/** Resident set size of one process, in KB. */
export function rssKb(pid: number): number {
  try {
    return statusKb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
  } catch {
    return 0;
  }
}

/** The resolution of `cpuMicros`: one clock tick. */
export const CPU_TICK_MICROS = 1_000_000 / TICKS_PER_SECOND;
