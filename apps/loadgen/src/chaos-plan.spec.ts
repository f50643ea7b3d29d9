import { applyChaos, assertComponents, parseChaos, type ChaosTarget } from './chaos-plan';

describe('chaos plan', () => {
  it('parses action:component@time steps in seconds or milliseconds', () => {
    expect(parseChaos('kill:gateway-2@10s, revive:gateway-2@15, pause:redis@2500ms')).toEqual([
      { action: 'kill', component: 'gateway-2', atMs: 10_000 },
      { action: 'revive', component: 'gateway-2', atMs: 15_000 },
      { action: 'pause', component: 'redis', atMs: 2500 },
    ]);
    expect(parseChaos('')).toEqual([]);
  });

  it('refuses unknown actions, malformed steps and components the cluster does not have', () => {
    expect(() => parseChaos('explode:redis@1s')).toThrow(/not one of kill, stop/);
    expect(() => parseChaos('kill gateway-1')).toThrow(/action:component@time/);
    const target = { names: ['redis', 'gateway-1'] } as ChaosTarget;
    expect(() => assertComponents(parseChaos('kill:gateway-9@1s'), target)).toThrow(/gateway-9/);
  });

  it('maps stop to a SIGTERM drain (terminate) and kill to SIGKILL', async () => {
    const calls: string[] = [];
    const record = (what: string) => (name: string) => void calls.push(`${what} ${name}`);
    const target: ChaosTarget = {
      names: ['gateway-1'],
      kill: (name) => Promise.resolve(record('kill')(name)),
      terminate: (name) => Promise.resolve(record('terminate')(name)),
      pause: record('pause'),
      resume: record('resume'),
      restart: (name) => Promise.resolve(record('restart')(name)),
      revive: (name) => Promise.resolve(record('revive')(name)),
    };
    for (const step of parseChaos('stop:gateway-1@1s,kill:gateway-1@2s,restart:gateway-1@3s'))
      await applyChaos(step, target);
    expect(calls).toEqual(['terminate gateway-1', 'kill gateway-1', 'restart gateway-1']);
  });
});
