import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { BenchPayload, BenchRoom, BenchTarget } from './bench-target';
import { markdownReport, sustained } from './report';
import { runStep, type StepResult } from './run-step';
import { RawRedisTarget } from './targets/raw-redis.target';
import { RawSingleTarget } from './targets/raw-single.target';
import { StandaloneTarget } from './targets/standalone.target';

const AVAILABLE: Record<string, () => BenchTarget> = {
  B1: () => new RawSingleTarget(),
  B2: () => new RawRedisTarget(),
  G1: () => new StandaloneTarget(),
};

const program = new Command()
  .name('bench')
  .description('Fan-out benchmark: our servers side by side with raw Socket.IO, on this machine, in one run.')
  .option(
    '--targets <list>',
    'which targets (B1 raw 1 process, B2 raw 2 processes + Redis, G1 standalone)',
    'B1,B2,G1',
  )
  .option('--rates <list>', 'offered send rates to sweep, messages per second', '25,50,100,200')
  .option('--duration <seconds>', 'seconds per step', '5')
  .option('--reps <count>', 'interleaved repetitions (median and range are reported)', '3')
  .option('--receivers <count>', 'receivers in the room', '200')
  .option('--size <bytes>', 'message body size', '100')
  .option('--out <dir>', 'where the JSON result goes', 'artifacts/bench')
  .parse();

async function main(): Promise<void> {
  const options = program.opts<Record<string, string>>();
  const targets = options.targets.split(',').map((name) => AVAILABLE[name.trim()]());
  const rates = options.rates.split(',').map(Number);
  const receivers = Number(options.receivers);
  const body = 'x'.repeat(Number(options.size));
  const rooms = new Map<string, { room: BenchRoom; sink: { current: (p: BenchPayload) => void } }>();
  for (const target of targets) {
    console.log(`starting ${target.name} (${target.description}) and connecting ${receivers} receivers`);
    await target.start();
    const room = await target.connect(receivers);
    const sink = { current: (_payload: BenchPayload) => undefined as void };
    room.onDelivery((payload) => sink.current(payload));
    rooms.set(target.name, { room, sink });
  }
  const results: StepResult[] = [];
  for (let rep = 1; rep <= Number(options.reps); rep++) {
    for (const rate of rates) {
      for (const target of targets) {
        const { room, sink } = rooms.get(target.name)!;
        const step = await runStep(room, (next) => (sink.current = next), {
          target: target.name,
          rate,
          rep,
          durationMs: Number(options.duration) * 1000,
          receivers,
          body,
        });
        results.push(step);
        console.log(
          `rep ${rep} ${target.name} ${rate} msg/s: ${step.deliveredPerSecond} deliveries/s, p50 ${step.latency.p50} ms, ` +
            `p99 ${step.latency.p99} ms, max ${step.latency.max} ms, lost ${step.lost}, ack errors ${step.ackErrors}` +
            (sustained(step) ? '' : '  (not sustained)'),
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
  for (const { room } of rooms.values()) room.close();
  for (const target of targets) await target.stop();
  const report = markdownReport(results, targets);
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ options, results }, null, 2));
  console.log(`\n${report}\n\nraw results: ${file}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
