import 'reflect-metadata';
import { Command } from 'commander';
import { runCapacity, type CapacityOptions } from './capacity/capacity.command';
import { runNotifyCost, type NotifyCostOptions } from './notify-cost.command';
import { runCommitCost, type CommitCostOptions } from './commit-cost.command';
import { runFanout, type FanoutOptions } from './fanout.command';
import { runUploads, type UploadsOptions } from './uploads.command';

const finish = (work: Promise<void>) =>
  work.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );

const program = new Command().name('bench').description('Benchmarks that print numbers, never timed tests.');

/** Options every bench command shares: where processes run, and where the result goes. */
const withMachineOptions = (command: Command) =>
  command
    .option('--no-pin', 'do not pin processes to CPUs')
    .option('--server-cpus <list>', 'CPUs for every server process (taskset list)', '1')
    .option('--client-cpus <list>', 'CPUs for the load generator', '0')
    .option('--out <dir>', 'where the JSON result goes', 'artifacts/bench');

withMachineOptions(program.command('fanout', { isDefault: true }))
  .description(
    'Fan-out to one room: raw Socket.IO (B1 1 process, B2 2 processes + Redis) vs our standalone server (G1) ' +
      'and local cluster (G2), same machine, one run, interleaved repetitions.',
  )
  .option(
    '--targets <list>',
    'B1 raw 1 process, B2 raw 2 processes + Redis, G1 standalone, G2 cluster',
    'B1,B2,G1,G2',
  )
  .option(
    '--rates <list>',
    'offered send rates to sweep, messages per second',
    '50,100,200,300,400,500,600,700,800',
  )
  .option(
    '--reference-rate <msg/s>',
    'rate whose p50, p99 and CPU are compared (100 × 200 = 20k deliveries/s)',
    '100',
  )
  .option(
    '--stop-after <failures>',
    'above the reference rate, stop a target after this many failed rates in a row',
    '2',
  )
  .option('--duration <seconds>', 'seconds per step', '5')
  .option('--reps <count>', 'interleaved repetitions (median and range are reported)', '3')
  .option('--receivers <count>', 'receivers in the room', '200')
  .option('--size <bytes>', 'message body size', '100')
  .option('--gateways <count>', 'G2 gateway replicas', '2')
  .action((options: FanoutOptions) => finish(runFanout(options)));

withMachineOptions(program.command('capacity'))
  .description(
    'Per-replica capacity: idle authenticated sockets per gateway (RSS and heap per connection), connects ' +
      'per second with JWT verification, reconnect-storm recovery, durable send→ack latency.',
  )
  .option('--sockets <list>', 'idle socket counts to measure at', '5000,10000')
  .option('--storm <count>', 'clients in the reconnect storm', '2000')
  .option('--ack-rate <msg/s>', 'offered rate for send→ack latency', '1000')
  .option('--ack-senders <count>', 'senders sharing that rate', '10')
  .option('--ack-duration <seconds>', 'seconds of send→ack measurement', '10')
  .option(
    '--memory-messages <list>',
    "stored-message counts at which the standalone server's RSS is read (empty: skip)",
    '10000,1000000',
  )
  .option('--no-cluster', 'only the standalone memory figures, not the gateway on the local cluster')
  .action((options: CapacityOptions) => finish(runCapacity(options)));

program
  .command('commit-cost')
  .description('What a durable commit of the embedded database costs here, with and without the sync.')
  .option('--messages <count>', 'messages written per measurement', '2000')
  .option('--batch <count>', 'writes queued at once for the group commit', '50')
  .action((options: CommitCostOptions) => finish(runCommitCost(options)));

program
  .command('notify-cost')
  .description('What the notification queue costs the single process per message, beside the durable append.')
  .option('--messages <count>', 'messages appended, then derived', '5000')
  .option('--batch <count>', 'appends queued at once for the group commit', '50')
  .action((options: NotifyCostOptions) => finish(runNotifyCost(options)));

withMachineOptions(program.command('uploads'))
  .description(
    "Upload throughput, and the send path's send→ack latency while uploads run, on the standalone server.",
  )
  .option('--rate <msg/s>', 'offered message rate', '100')
  .option('--senders <count>', 'sockets sharing that rate', '5')
  .option('--uploaders <count>', 'clients uploading back to back', '4')
  .option('--duration <seconds>', 'seconds per phase', '10')
  .option(
    '--sizes <bytes,...>',
    'binary file sizes to upload (a previewed photo is always added)',
    '20000,1048576',
  )
  .action((options: UploadsOptions) => finish(runUploads(options)));

program.parse();
