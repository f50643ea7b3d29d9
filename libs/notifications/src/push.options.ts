/** Push notifications, as the configuration resolved them (pushOptionsFromEnv). */
export interface PushOptions {
  /** null: Web Push is off. Only the public key is needed where subscriptions are taken. */
  webPush: { publicKey: string; privateKey?: string; subject: string } | null;
  gateway: { url: string; secret?: string } | null;
  endpointHosts: string[];
  coalesceMs: number;
  pollMs: number;
  maxAttempts: number;
  preview: boolean;
  ttlSeconds: number;
  requestTimeoutMs: number;
}

export const PUSH_OPTIONS = Symbol('PUSH_OPTIONS');

/** Whether this process can send anything: a VAPID private key, or a push gateway with its secret. */
export function pushDelivers(options: PushOptions | null): options is PushOptions {
  return Boolean(options?.webPush?.privateKey || options?.gateway?.secret);
}
