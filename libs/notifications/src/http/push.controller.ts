import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { PushConfig, PushSubscriptionInput, PushSubscriptionView } from '@chat/contracts';
import { CurrentUser, Public, type AuthUser } from '@chat/authn';
import { UserRateLimits } from '@chat/platform/engine';
import { PushSubscriptionsService } from '../subscriptions/push-subscriptions.service';
import { PushSubscriptionDto } from './push-subscription.dto';
import { PushSubscriptionParams } from './push-subscription.params';

/** This user's devices for notifications while they are not connected. */
@Controller('push')
export class PushController {
  constructor(
    private readonly subscriptions: PushSubscriptionsService,
    private readonly limits: UserRateLimits,
  ) {}

  /** Public: the VAPID key is not a secret, and a page may want it before signing in. */
  @Public()
  @Get('config')
  config(): PushConfig {
    return this.subscriptions.config();
  }

  @Post('subscriptions')
  async add(@CurrentUser() me: AuthUser, @Body() body: PushSubscriptionDto): Promise<PushSubscriptionView> {
    // Each one is a row and a key check: bounded like every call that creates rows.
    await this.limits.spend('create', me.userId);
    return this.subscriptions.add(me, body as PushSubscriptionInput);
  }

  @Get('subscriptions')
  async list(@CurrentUser() me: AuthUser): Promise<{ items: PushSubscriptionView[] }> {
    return { items: await this.subscriptions.list(me) };
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  remove(@CurrentUser() me: AuthUser, @Param() { id }: PushSubscriptionParams): Promise<void> {
    return this.subscriptions.remove(me, id);
  }
}
