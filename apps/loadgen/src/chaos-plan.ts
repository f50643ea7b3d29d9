import { setTimeout as sleep } from 'node:timers/promises';

export const CHAOS_ACTIONS = ['kill', 'stop', 'pause', 'resume', 'restart', 'revive'] as const;
export type ChaosAction = (typeof CHAOS_ACTIONS)[number];

/** One fault at a fixed time into the traffic: `kill:gateway-2@10s`. */
export interface ChaosStep {
  action: ChaosAction;
  component: string;
  atMs: number;
}

/** What a chaos step needs of the cluster (apps/cluster's `Cluster` has it). */
export interface ChaosTarget {
  readonly names: string[];
  kill(name: string): Promise<void>;
  terminate(name: string): Promise<void>;
  pause(name: string): void;
  resume(name: string): void;
  restart(name: string): Promise<void>;
  revive(name: string): Promise<void>;
}

const STEP = /^(\w+):([\w-]+)@(\d+(?:\.\d+)?)(ms|s)?$/;

/**
 * `kill:gateway-2@10s,revive:gateway-2@15s`: kill is SIGKILL, stop is SIGTERM (a drain), pause and
 * resume are SIGSTOP and SIGCONT, restart is stop then start, revive starts a killed component again.
 */
export function parseChaos(plan: string): ChaosStep[] {
  if (!plan.trim()) return [];
  return plan.split(',').map((text) => {
    const match = STEP.exec(text.trim());
    if (!match)
      throw new Error(`--chaos step "${text}" is not action:component@time (e.g. kill:gateway-2@10s)`);
    const [, action, component, amount, unit] = match;
    if (!(CHAOS_ACTIONS as readonly string[]).includes(action))
      throw new Error(`--chaos action "${action}" is not one of ${CHAOS_ACTIONS.join(', ')}`);
    return { action: action as ChaosAction, component, atMs: Number(amount) * (unit === 'ms' ? 1 : 1000) };
  });
}

/** Checks every named component exists before any load starts. */
export function assertComponents(steps: ChaosStep[], target: ChaosTarget): void {
  for (const step of steps) {
    if (!target.names.includes(step.component))
      throw new Error(`--chaos names "${step.component}"; the cluster has ${target.names.join(', ')}`);
  }
}

export async function applyChaos(step: ChaosStep, target: ChaosTarget): Promise<void> {
  switch (step.action) {
    case 'kill':
      return target.kill(step.component);
    case 'stop':
      return target.terminate(step.component);
    case 'pause':
      return target.pause(step.component);
    case 'resume':
      return target.resume(step.component);
    case 'restart':
      return target.restart(step.component);
    case 'revive':
      return target.revive(step.component);
  }
}

/** What became of one chaos step: when it ran (ms into the traffic) and how long it took. */
export interface ChaosRecord {
  step: string;
  atMs: number;
  tookMs: number;
  error?: string;
}

/** Runs each step at its time after `startAt`; a step that fails is recorded, not thrown. */
export async function scheduleChaos(
  steps: ChaosStep[],
  target: ChaosTarget | undefined,
  startAt: number,
  log: (line: string) => void,
): Promise<ChaosRecord[]> {
  const records = await Promise.all(
    steps.map(async (step) => {
      await sleep(Math.max(0, startAt + step.atMs - Date.now()));
      const began = Date.now();
      const name = `${step.action}:${step.component}`;
      log(`chaos: ${name}`);
      const record: ChaosRecord = { step: name, atMs: began - startAt, tookMs: 0 };
      try {
        await applyChaos(step, target!);
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      record.tookMs = Date.now() - began;
      return record;
    }),
  );
  return records.sort((a, b) => a.atMs - b.atMs);
}
