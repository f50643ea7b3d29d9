import type { Provider } from '@nestjs/common';
import { NotificationDeriver } from './delivery/notification-deriver';
import { NotificationSender, PUSH_PROVIDERS } from './delivery/notification-sender';
import { NotificationWorkers } from './delivery/notification-workers';
import { NotificationMetrics } from './notification-metrics';
import { PushGatewayProvider } from './providers/push-gateway.provider';
import type { PushProvider } from './providers/push-provider';
import { WebPushProvider } from './providers/web-push.provider';
import { PUSH_OPTIONS, type PushOptions } from './push.options';

/**
 * The delivering side, for the module that also provides RoomViewers (the gateway's): it needs the rooms
 * library's services, the messages library's NotificationQueue and the storage modules beside it.
 */
export function notificationDeliveryProviders(options: PushOptions): Provider[] {
  return [
    { provide: PUSH_OPTIONS, useValue: options },
    NotificationMetrics,
    WebPushProvider,
    PushGatewayProvider,
    {
      provide: PUSH_PROVIDERS,
      useFactory: (webPush: WebPushProvider, gateway: PushGatewayProvider): PushProvider[] => [
        ...(options.webPush?.privateKey ? [webPush] : []),
        ...(options.gateway?.secret ? [gateway] : []),
      ],
      inject: [WebPushProvider, PushGatewayProvider],
    },
    NotificationDeriver,
    NotificationSender,
    NotificationWorkers,
  ];
}
