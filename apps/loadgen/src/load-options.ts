import type { Transport } from '@chat/recording-client';

export type RoomSizeDistribution = 'equal' | 'zipf' | 'random';

/** One load test, as the command line asked for it, after validation and the safety bounds. */
export interface LoadOptions {
  url: string;
  /** Start a local cluster (nginx, 3 gateways, 2 auth, 2 rooms, Redis, the store) and drive it. */
  cluster: boolean;
  chaos: string;
  users: number;
  rooms: number;
  roomSizes: RoomSizeDistribution;
  /** Offered messages per second, over all senders. */
  rate: number;
  sendersShare: number;
  durationSeconds: number;
  rampUpSeconds: number;
  transport: Transport;
  messageBytes: number;
  /** Share of sends that first upload a file of `uploadBytes` and send it as an attachment. */
  uploadsShare: number;
  uploadBytes: number;
  /** Senders also edit, delete and react, on top of `rate` (ChangeMaker); the checker checks every change. */
  changes: boolean;
  historyShare: number;
  historyIntervalSeconds: number;
  usersFile: string;
  reuseUsers: boolean;
  prepareConcurrency: number;
  maxMessages: number;
  out: string;
  allowRemote: boolean;
  progressSeconds: number;
  seed: number;
}

/** Limits a typo cannot exceed: a load kit that runs away is an outage of its own. */
export const SAFETY = {
  users: 20_000,
  rooms: 5_000,
  rate: 20_000,
  durationSeconds: 3_600,
  messageBytes: 4_000,
  /** Well under the server's default ATTACHMENT_MAX_BYTES (25 MiB). */
  uploadBytes: 10 * 1024 * 1024,
  maxMessages: 5_000_000,
  prepareConcurrency: 64,
} as const;

const positiveInt = (name: string, value: string, max: number): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new Error(`--${name} must be an integer from 1 to ${max} (got ${value})`);
  return number;
};

const share = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1)
    throw new Error(`--${name} must be a share between 0 and 1 (got ${value})`);
  return number;
};

const seconds = (name: string, value: string, max: number): number => {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > max)
    throw new Error(`--${name} must be between 0 and ${max} seconds (got ${value})`);
  return number;
};

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`--${name} must be one of ${allowed.join(', ')} (got ${value})`);
  return value as T;
}

/** Turns commander's strings into checked options; every bound is in `SAFETY`. */
export function parseLoadOptions(raw: Record<string, string | boolean | undefined>): LoadOptions {
  const text = (name: string) => String(raw[name]);
  const options: LoadOptions = {
    url: text('url').replace(/\/+$/, ''),
    cluster: raw.cluster === true,
    chaos: raw.chaos ? text('chaos') : '',
    users: positiveInt('users', text('users'), SAFETY.users),
    rooms: positiveInt('rooms', text('rooms'), SAFETY.rooms),
    roomSizes: oneOf('room-sizes', text('roomSizes'), ['equal', 'zipf', 'random'] as const),
    rate: Number(text('rate')),
    sendersShare: share('senders-share', text('sendersShare')),
    durationSeconds: seconds('duration', text('duration'), SAFETY.durationSeconds),
    rampUpSeconds: seconds('ramp-up', text('rampUp'), SAFETY.durationSeconds),
    transport: oneOf('transport', text('transport'), ['websocket', 'polling'] as const),
    messageBytes: positiveInt('size', text('size'), SAFETY.messageBytes),
    uploadsShare: share('uploads', text('uploads')),
    uploadBytes: positiveInt('upload-bytes', text('uploadBytes'), SAFETY.uploadBytes),
    changes: raw.changes !== false,
    historyShare: share('history-share', text('historyShare')),
    historyIntervalSeconds: seconds('history-interval', text('historyInterval'), 600),
    usersFile: text('usersFile'),
    reuseUsers: raw.reuseUsers === true,
    prepareConcurrency: positiveInt(
      'prepare-concurrency',
      text('prepareConcurrency'),
      SAFETY.prepareConcurrency,
    ),
    maxMessages: positiveInt('max-messages', text('maxMessages'), SAFETY.maxMessages),
    out: text('out'),
    allowRemote: raw.allowRemote === true,
    progressSeconds: seconds('progress', text('progress'), 60),
    seed: Number(text('seed')),
  };
  if (!Number.isFinite(options.rate) || options.rate <= 0 || options.rate > SAFETY.rate)
    throw new Error(`--rate must be above 0 and at most ${SAFETY.rate} messages per second`);
  if (options.durationSeconds < 1) throw new Error('--duration must be at least 1 second');
  if (options.rampUpSeconds > options.durationSeconds) throw new Error('--ramp-up cannot exceed --duration');
  if (options.rooms > options.users)
    throw new Error('--rooms cannot exceed --users: every room needs an owner');
  if (options.chaos && !options.cluster)
    throw new Error('--chaos drives components of the local cluster: add --cluster');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  return options;
}
