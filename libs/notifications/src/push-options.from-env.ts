import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import type { PushOptions } from './push.options';

/** The push settings of WithPush (libs/config). */
export interface PushEnvFields {
  WEB_PUSH_VAPID_PUBLIC_KEY?: string;
  WEB_PUSH_VAPID_PRIVATE_KEY?: string;
  WEB_PUSH_SUBJECT: string;
  WEB_PUSH_ENDPOINT_HOSTS: string[];
  PUSH_GATEWAY_URL?: string;
  PUSH_GATEWAY_SECRET?: string;
  NOTIFY_COALESCE_MS: number;
  NOTIFY_POLL_MS: number;
  NOTIFY_MAX_ATTEMPTS: number;
  NOTIFY_PREVIEW: boolean;
  PUSH_TTL_SECONDS: number;
  PUSH_REQUEST_TIMEOUT_MS: number;
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const VAPID_FILE = 'vapid.json';

/**
 * The single process's VAPID keys when none are configured: generated once into DATA_DIR, as its signing
 * key is, so that browsers' subscriptions stay valid across restarts.
 */
export function vapidKeysInDataDir(dataDir: string): VapidKeys {
  const path = join(dataDir, VAPID_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as VapidKeys;
  } catch {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const keys = generateVAPIDKeys();
    writeFileSync(path, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
    return keys;
  }
}

export function pushOptionsFromEnv(env: PushEnvFields, generated?: VapidKeys): PushOptions {
  const publicKey = env.WEB_PUSH_VAPID_PUBLIC_KEY ?? generated?.publicKey;
  const privateKey =
    env.WEB_PUSH_VAPID_PRIVATE_KEY ?? (env.WEB_PUSH_VAPID_PUBLIC_KEY ? undefined : generated?.privateKey);
  return {
    webPush: publicKey ? { publicKey, privateKey, subject: env.WEB_PUSH_SUBJECT } : null,
    gateway: env.PUSH_GATEWAY_URL ? { url: env.PUSH_GATEWAY_URL, secret: env.PUSH_GATEWAY_SECRET } : null,
    endpointHosts: env.WEB_PUSH_ENDPOINT_HOSTS.map((host) => host.toLowerCase()),
    coalesceMs: env.NOTIFY_COALESCE_MS,
    pollMs: env.NOTIFY_POLL_MS,
    maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
    preview: env.NOTIFY_PREVIEW,
    ttlSeconds: env.PUSH_TTL_SECONDS,
    requestTimeoutMs: env.PUSH_REQUEST_TIMEOUT_MS,
  };
}
