import { DynamicModule, Module } from '@nestjs/common';
import { PushController } from './http/push.controller';
import { PUSH_OPTIONS, type PushOptions } from './push.options';
import { PushSubscriptionsService } from './subscriptions/push-subscriptions.service';

/** `/api/push`: the VAPID key and the caller's devices. Needs NotificationsStorageModule beside it. */
@Module({})
export class PushHttpModule {
  static forRoot(options: PushOptions): DynamicModule {
    return {
      module: PushHttpModule,
      controllers: [PushController],
      providers: [{ provide: PUSH_OPTIONS, useValue: options }, PushSubscriptionsService],
    };
  }
}
