/** A push gateway (the operator's relay to APNs/FCM) on loopback, speaking the Matrix push gateway request shape. */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AttemptOutcome, ScriptedResponse } from './attempts';
import { EventLog, type WaitOptions } from './event-log';
import { parseNotification, type GatewayNotification } from './gateway-notification';
import { HeldRequests } from './held-requests';
import { answer, closeServer, guarded, listenLocally, readBody, singleHeader } from './local-http';
import { Refusal, refusalOr, refuse } from './refusal';

export const PUSH_GATEWAY_NOTIFY_PATH = '/_matrix/push/v1/notify';

const MAX_GATEWAY_BODY = 1024 * 1024;

export interface GatewayDelivery {
  notification: GatewayNotification;
  /** The pushkeys answered as rejected (see reject()). */
  rejected: string[];
  receivedAt: Date;
}

export interface GatewayAttempt {
  outcome: AttemptOutcome;
  status: number | null;
  reason?: string;
  notification?: GatewayNotification;
  receivedAt: Date;
}

export interface PushGatewayReceiver {
  /** The full notify URL. */
  url: string;
  deliveries: GatewayDelivery[];
  attempts: GatewayAttempt[];
  /** Answers `{ rejected: [pushkey] }` to later notifications for that pushkey (the token is dead). */
  reject(pushkey: string): void;
  respondWith(status: number): void;
  respondNormally(): void;
  hold(): void;
  release(): void;
  waitFor(
    predicate: (deliveries: readonly GatewayDelivery[]) => boolean,
    options?: WaitOptions,
  ): Promise<GatewayDelivery[]>;
  waitForAttempt(
    predicate: (attempts: readonly GatewayAttempt[]) => boolean,
    options?: WaitOptions,
  ): Promise<GatewayAttempt[]>;
  close(): Promise<void>;
}

function authorizeGateway(req: IncomingMessage, secret: string): void {
  if (singleHeader(req, 'authorization') !== `Bearer ${secret}`)
    refuse(401, 'missing or wrong bearer secret');
}

export async function startPushGatewayReceiver({ secret }: { secret: string }): Promise<PushGatewayReceiver> {
  const deliveries = new EventLog<GatewayDelivery>('push gateway deliveries');
  const attempts = new EventLog<GatewayAttempt>('push gateway attempts');
  const held = new HeldRequests<null, GatewayAttempt>(attempts);
  const rejectedPushkeys = new Set<string>();
  let script: ScriptedResponse | null = null;

  const settle = (
    res: ServerResponse,
    verdict: GatewayNotification | Refusal,
    attempt: GatewayAttempt,
  ): void => {
    if (verdict instanceof Refusal) {
      Object.assign(attempt, { outcome: 'rejected', status: verdict.status, reason: verdict.message });
      return answer(res, verdict.status, { errcode: 'M_UNKNOWN', error: verdict.message });
    }
    attempt.notification = verdict;
    if (typeof script === 'number') {
      Object.assign(attempt, { outcome: 'scripted', status: script });
      return answer(res, script, { error: 'scripted by the test' });
    }
    const rejected = verdict.devices
      .map((device) => device.pushkey)
      .filter((key) => rejectedPushkeys.has(key));
    Object.assign(attempt, { outcome: 'delivered', status: 200 });
    deliveries.add({ notification: verdict, rejected, receivedAt: attempt.receivedAt });
    answer(res, 200, { rejected });
  };

  const judge = (req: IncomingMessage, body: Buffer | 'too-large'): GatewayNotification | Refusal =>
    refusalOr(() => {
      authorizeGateway(req, secret);
      if (body === 'too-large') refuse(413, 'the body is too large');
      return parseNotification(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== PUSH_GATEWAY_NOTIFY_PATH)
      return answer(res, 404, { errcode: 'M_UNRECOGNIZED' });
    const verdict = judge(req, await readBody(req, MAX_GATEWAY_BODY));
    const attempt: GatewayAttempt = { outcome: 'held', status: null, receivedAt: new Date() };
    held.admit({
      key: null,
      res,
      attempt,
      hold: script === 'hold',
      settle: () => settle(res, verdict, attempt),
    });
  };

  const server = createHttpServer(guarded(handle));
  const port = await listenLocally(server);

  return {
    url: `http://127.0.0.1:${port}${PUSH_GATEWAY_NOTIFY_PATH}`,
    deliveries: deliveries.items,
    attempts: attempts.items,
    reject: (pushkey) => void rejectedPushkeys.add(pushkey),
    respondWith: (status) => void (script = status),
    respondNormally: () => void (script = null),
    hold: () => void (script = 'hold'),
    release() {
      if (script === 'hold') script = null;
      held.release(() => true);
    },
    waitFor: (predicate, options) => deliveries.waitFor(predicate, options),
    waitForAttempt: (predicate, options) => attempts.waitFor(predicate, options),
    async close() {
      deliveries.closeWaits('the push gateway receiver closed');
      attempts.closeWaits('the push gateway receiver closed');
      await closeServer(server);
    },
  };
}
