#!/usr/bin/env node
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { formatLoadReport } from './load-report';
import { parseLoadOptions } from './load-options';
import { renderLatencyPlot } from './latency-plot';
import { runLoad } from './load-run';
import { startLocalCluster } from './local-cluster';
import { assertAllowedTarget } from './target-guard';

const program = new Command('loadgen')
  .description(
    'Load-tests a chat deployment through its base URL: users, rooms, a fixed offered message rate, ' +
      'history readers and (against the local cluster) chaos; ends with the delivery checker.',
  )
  .addOption(
    new Option('--url <url>', 'base URL of the deployment (loopback only, unless --allow-remote)').default(
      'http://127.0.0.1:8080',
    ),
  )
  .option('--allow-remote', 'allow a --url that is not on this machine', false)
  .option(
    '--cluster',
    'start the local cluster (nginx, 3 gateways, 2 auth, 2 rooms, Redis, store) and load it',
    false,
  )
  .addOption(
    new Option('--mongo-url <url>', 'MongoDB for --cluster (default: the stand-in)').env('MONGO_URL'),
  )
  .option(
    '--chaos <steps>',
    'with --cluster: e.g. kill:gateway-2@10s,revive:gateway-2@15s (kill|stop|pause|resume|restart|revive)',
    '',
  )
  .option('--users <n>', 'users (each one socket)', '50')
  .option('--rooms <n>', 'rooms the users are spread over', '5')
  .option('--room-sizes <dist>', 'room-size distribution: equal | zipf | random', 'equal')
  .option('--rate <msg/s>', 'offered messages per second, over all senders', '50')
  .option('--senders-share <0..1>', 'share of users that send', '0.5')
  .option('--duration <s>', 'seconds of traffic', '30')
  .option('--ramp-up <s>', 'seconds to reach the full rate', '5')
  .option('--transport <t>', 'websocket | polling (long-polling, then upgrade)', 'websocket')
  .option('--size <bytes>', 'message body size', '100')
  .option(
    '--uploads <0..1>',
    'share of sends that first upload a file and attach it (the server allows 30 uploads per user per minute)',
    '0',
  )
  .option('--upload-bytes <bytes>', 'size of each uploaded file', '20000')
  .option(
    '--no-changes',
    'senders only send: no edits, deletions or reactions mixed in (see ChangeMaker) and checked',
  )
  .option('--history-share <0..1>', 'share of users that read history periodically', '0.1')
  .option('--history-interval <s>', 'seconds between one reader’s history reads', '5')
  .option(
    '--reuse-users',
    'log in users registered by earlier runs (see --users-file) before registering more',
    false,
  )
  .option(
    '--users-file <path>',
    'where registered load users are remembered, per base URL',
    'artifacts/loadgen/users.json',
  )
  .option('--prepare-concurrency <n>', 'parallel registrations, logins and joins', '4')
  .option('--max-messages <n>', 'stop sending after this many messages', '1000000')
  .option('--progress <s>', 'seconds between progress lines on stderr (0: none)', '2')
  .option('--seed <n>', 'seed for room sizes and sender choice', '1')
  .option('--out <dir>', 'where report.json and latency.svg go', 'artifacts/loadgen')
  .showHelpAfterError();

async function main(): Promise<number> {
  program.parse();
  const raw = program.opts<Record<string, string | boolean | undefined>>();
  const options = parseLoadOptions(raw);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let stop = false;
  process.on('SIGINT', () => {
    if (stop) process.exit(130);
    stop = true;
    log('stopping: no more sends; settling and checking what was sent (Ctrl-C again to abandon)');
  });
  // The kit stops by itself: a run that outlives its own bound by far is abandoned.
  const bound = (options.durationSeconds + 300) * 1000 + options.users * 2000;
  setTimeout(() => {
    log(`abandoned: the run outlived its bound of ${Math.round(bound / 1000)} s`);
    process.exit(3);
  }, bound).unref();

  const cluster = options.cluster ? await startLocalCluster(raw.mongoUrl as string | undefined) : undefined;
  try {
    const baseUrl = cluster?.url ?? options.url;
    if (cluster) log(`local cluster up at ${cluster.url} (logs in ${cluster.runDir})`);
    assertAllowedTarget(baseUrl, options.allowRemote);
    const { report, delivery } = await runLoad(options, {
      baseUrl,
      cluster,
      log,
      stopRequested: () => stop,
    });
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'report.json'), JSON.stringify(report, null, 2));
    writeFileSync(join(options.out, 'latency.svg'), await renderLatencyPlot(report));
    console.log(formatLoadReport(report, delivery));
    console.log(`\nreport: ${join(options.out, 'report.json')}\nplot:   ${join(options.out, 'latency.svg')}`);
    return report.ok ? 0 : 2;
  } finally {
    await cluster?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`loadgen: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
