import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { processTree } from './process-cpu';

/** Which CPUs the servers and the load generator run on; `null` when pinning is off. */
export interface CpuPlan {
  servers: string;
  client: string;
}

/**
 * The default split on a 2-core box: the load generator (this process, its sockets, its child processes)
 * on CPU 0, every server process of the target on CPU 1. Each side then has a core of its own, and the
 * servers are measured on exactly one core whatever their number of processes.
 */
export function cpuPlan(pin: boolean, servers: string, client: string): CpuPlan | null {
  if (!pin || availableParallelism() < 2) return null;
  return { servers, client };
}

/** Sets the CPU affinity of every thread of each process (`taskset -a -p -c`). */
export function pin(pids: number[], cpus: string): void {
  for (const pid of pids) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    } catch {
      // a process that exited meanwhile has nothing left to pin
    }
  }
}

/** Pins the roots and everything they started; children they start later inherit the affinity. */
export function pinTree(roots: number[], plan: CpuPlan | null): void {
  if (plan) pin(processTree(roots), plan.servers);
}

/** Pins this process (the load generator) before it starts anything. */
export function pinSelf(plan: CpuPlan | null): void {
  if (plan) pin([process.pid], plan.client);
}
