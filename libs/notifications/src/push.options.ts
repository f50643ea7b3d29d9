export interface WebPushOptions {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface PushGatewayOptions {
  url: string;
  secret: string;
}

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
