/** A device that receives notifications: a browser (Web Push) or a mobile app behind the push gateway. */
export type PushSubscriptionRecord = WebPushSubscriptionRecord | GatewayDeviceRecord;

interface SubscriptionBase {
  /** Derived from the device (endpoint, or app id and pushkey): one device is one subscription. */
  id: string;
  userId: string;
  /** The session that registered it: a device signed out (session ended or revoked) gets nothing more. */
  sessionId: string;
  createdAt: Date;
}

export interface WebPushSubscriptionRecord extends SubscriptionBase {
  kind: 'webpush';
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface GatewayDeviceRecord extends SubscriptionBase {
  kind: 'gateway';
  appId: string;
  pushkey: string;
}
