import { createECDH } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  PushLimits,
  type PushConfig,
  type PushSubscriptionInput,
  type PushSubscriptionView,
} from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import { PUSH_OPTIONS, type PushOptions } from '../push.options';
import type { PushSubscriptionRecord } from './push-subscription.record';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { endpointProblem } from './endpoint-policy';
import { subscriptionIdFor } from './subscription-id';

export function toView(record: PushSubscriptionRecord): PushSubscriptionView {
  return {
    id: record.id,
    kind: record.kind,
    ...(record.kind === 'webpush'
      ? { endpointOrigin: new URL(record.endpoint).origin }
      : { appId: record.appId }),
    createdAt: record.createdAt.toISOString(),
  };
}

/** The caller's devices (PROTOCOL.md 1.1, "Push notifications"). */
@Injectable()
export class PushSubscriptionsService {
  constructor(
    private readonly subscriptions: PushSubscriptionsRepository,
    @Inject(PUSH_OPTIONS) private readonly options: PushOptions,
  ) {}

  config(): PushConfig {
    return {
      webPush: this.options.webPush ? { publicKey: this.options.webPush.publicKey } : null,
      gateway: this.options.gateway !== null,
    };
  }

  async add(me: AuthUser, input: PushSubscriptionInput): Promise<PushSubscriptionView> {
    const record = this.recordOf(me, input);
    const stored = await this.subscriptions.put(record, PushLimits.devicesPerUser);
    if (!stored)
      throw AppError.conflict(`At most ${PushLimits.devicesPerUser} devices per user: remove one first`);
    return toView(stored);
  }

  async list(me: AuthUser): Promise<PushSubscriptionView[]> {
    return (await this.subscriptions.listByUser(me.userId)).map(toView);
  }

  async remove(me: AuthUser, id: string): Promise<void> {
    if (!(await this.subscriptions.remove(id, me.userId))) throw AppError.notFound('Subscription');
  }

  private recordOf(me: AuthUser, input: PushSubscriptionInput): PushSubscriptionRecord {
    const base = {
      id: subscriptionIdFor(input),
      userId: me.userId,
      sessionId: me.sessionId,
      createdAt: new Date(),
    };
    if (input.kind === 'gateway') {
      if (!this.options.gateway) throw AppError.validation('This server has no push gateway');
      return { ...base, kind: 'gateway', appId: input.appId, pushkey: input.pushkey };
    }
    if (!this.options.webPush) throw AppError.validation('Web Push is not enabled on this server');
    const url = new URL(input.endpoint);
    // The server will POST to this URL: never into its own network (no SSRF).
    const problem = endpointProblem(url, this.options.endpointHosts);
    if (problem) throw AppError.validation(problem);
    assertP256Point(input.keys.p256dh);
    return { ...base, kind: 'webpush', endpoint: url.href, p256dh: input.keys.p256dh, auth: input.keys.auth };
  }
}

function assertP256Point(p256dh: string): void {
  try {
    // Agreeing a secret with it is the check that it is a point on the curve, as the encryption will need.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, 'base64url'));
  } catch {
    throw AppError.validation('keys.p256dh is not a P-256 public key');
  }
}
