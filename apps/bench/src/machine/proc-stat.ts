/** Pure parsers for Linux /proc files; the readers that use them live beside them. */

/** One process line of /proc/<pid>/stat: its parent and the CPU it has used, in clock ticks. */
export interface ProcessTimes {
  pid: number;
  ppid: number;
  /** utime + stime: user and system time of every thread of the process. */
  ticks: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses, so the fields are
 * counted from the last `)`: state is field 3, ppid 4, utime 14, stime 15 (proc(5)).
 */
export function parseProcessStat(line: string): ProcessTimes {
  const close = line.lastIndexOf(')');
  const pid = Number(line.slice(0, line.indexOf('(')).trim());
  const fields = line
    .slice(close + 2)
    .trim()
    .split(' ');
  return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Idle and total jiffies of one CPU line of /proc/stat. */
export interface CpuJiffies {
  cpu: string;
  idle: number;
  total: number;
}

/**
 * Parses the `cpuN` lines of /proc/stat (and the `cpu` total). Idle counts iowait too; total is user,
 * nice, system, idle, iowait, irq, softirq and steal (guest time is already inside user).
 */
export function parseCpuStat(text: string): CpuJiffies[] {
  return text
    .split('\n')
    .filter((line) => /^cpu\d*\s/.test(line))
    .map((line) => {
      const [cpu, ...rest] = line.trim().split(/\s+/);
      const values = rest.slice(0, 8).map(Number);
      return { cpu, idle: values[3] + values[4], total: values.reduce((sum, value) => sum + value, 0) };
    });
}

/** Share of time each CPU was idle between two /proc/stat samples, 0–1. */
export function idleShares(before: CpuJiffies[], after: CpuJiffies[]): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const end of after) {
    const start = before.find((sample) => sample.cpu === end.cpu);
    if (!start || end.total === start.total) continue;
    shares[end.cpu] = (end.idle - start.idle) / (end.total - start.total);
  }
  return shares;
}

/** Every process below the given roots (the roots included), from a pid → ppid table. */
export function descendants(roots: number[], processes: { pid: number; ppid: number }[]): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...found];
}

/** The value in KB of a `Key:   1234 kB` line of /proc/<pid>/status. */
export function statusKb(text: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}
