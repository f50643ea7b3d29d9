/** What the Web Push service offers tests and what it records. */
import type { Agent as HttpsAgent } from 'node:https';
import type { WebPushSubscriptionInput } from '@chat/contracts';
import type { AttemptOutcome, ScriptedResponse } from './attempts';
import type { WaitOptions } from './event-log';
import type { PushUrgency } from './push-message-headers';
import type { VapidIdentity } from './vapid';

export interface WebPushDelivery {
  subscriptionEndpoint: string;
  /** The decrypted payload, parsed as JSON. */
  payload: unknown;
  ttl: number;
  urgency: PushUrgency | null;
  topic: string | null;
  vapid: VapidIdentity;
  receivedAt: Date;
}

export type WebPushAttemptOutcome = AttemptOutcome;

export interface WebPushAttempt {
  subscriptionEndpoint: string;
  outcome: WebPushAttemptOutcome;
  /** The status answered; null while held or when abandoned. */
  status: number | null;
  reason?: string;
  /** The decrypted payload, when the request got that far. */
  payload?: unknown;
  receivedAt: Date;
}

export interface CreateSubscriptionOptions {
  /** Start scripted: a status to answer (410, 404, 500…) or 'hold'. */
  respond?: ScriptedResponse;
  /** Restricts the subscription to pushes signed with this VAPID public key (base64url), answering 403 otherwise. */
  applicationServerKey?: string;
}

export type WebPushTestSubscription = Omit<WebPushSubscriptionInput, 'kind'>;

export interface WebPushService {
  /** https://127.0.0.1:<port>, the `aud` senders must sign for. */
  origin: string;
  /** The service's self-signed certificate (PEM), for an https.Agent's `ca`. */
  ca: string;
  /** A file holding `ca`, for NODE_EXTRA_CA_CERTS of a sender running as a child process. */
  caFile: string;
  /** An agent trusting `ca`, for in-process senders: `webpush.sendNotification(sub, body, { agent })`. */
  agent: HttpsAgent;
  deliveries: WebPushDelivery[];
  attempts: WebPushAttempt[];
  createSubscription(options?: CreateSubscriptionOptions): WebPushTestSubscription;
  respondWith(endpoint: string, status: number): void;
  /** Undoes respondWith() for the endpoint: answer normally again. */
  respondNormally(endpoint: string): void;
  hold(endpoint: string): void;
  /** Stops holding the endpoint (all endpoints without one) and answers what was parked, if its sender is still there. */
  release(endpoint?: string): void;
  waitFor(
    predicate: (deliveries: readonly WebPushDelivery[]) => boolean,
    options?: WaitOptions,
  ): Promise<WebPushDelivery[]>;
  waitForAttempt(
    predicate: (attempts: readonly WebPushAttempt[]) => boolean,
    options?: WaitOptions,
  ): Promise<WebPushAttempt[]>;
  close(): Promise<void>;
}
