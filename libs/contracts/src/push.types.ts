/** Push notifications for devices that are not connected (PROTOCOL.md 1.1, "Push notifications"). */

/** A browser's Web Push subscription (RFC 8030), as `PushSubscription.toJSON()` gives it. */
export interface WebPushSubscriptionInput {
  kind: 'webpush';
  endpoint: string;
  /** base64url: the browser's P-256 public key (65 bytes) and the auth secret (16 bytes), RFC 8291. */
  keys: { p256dh: string; auth: string };
}

/** A mobile app's device, reached through the operator's push gateway (which holds APNs/FCM credentials). */
export interface GatewayDeviceInput {
  kind: 'gateway';
  /** Which app the token belongs to, as the gateway knows it (e.g. `com.example.chat.ios`). */
  appId: string;
  /** The APNs device token or FCM registration token. */
  pushkey: string;
}

export type PushSubscriptionInput = WebPushSubscriptionInput | GatewayDeviceInput;

/** A stored subscription as its owner sees it (secrets and full endpoints are not echoed). */
export interface PushSubscriptionView {
  id: string;
  kind: PushSubscriptionInput['kind'];
  /** webpush: the push service's origin (`https://fcm.googleapis.com`). */
  endpointOrigin?: string;
  /** gateway: the app id. */
  appId?: string;
  createdAt: string;
}

/** What a client needs to subscribe: the VAPID public key (base64url), when Web Push is on. */
export interface PushConfig {
  webPush: { publicKey: string } | null;
  gateway: boolean;
}

/** Why a member was notified. */
export type NotificationReason = 'direct' | 'mention' | 'room' | 'all';

/**
 * What a device receives (the Web Push payload, decrypted; the `notification` of a gateway request).
 * Notifications of one room coalesce over a short window: `count` messages, the latest in `messageId`.
 * A receiver dedupes on `id`: a redelivery after a crash carries the same one.
 */
export interface PushNotificationPayload {
  v: 1;
  /** The idempotency key: the first coalesced message's id and the subscription's id. */
  id: string;
  roomId: string;
  roomName: string | null;
  messageId: string;
  seq: number;
  senderId: string;
  senderName: string | null;
  count: number;
  reason: NotificationReason;
  /** The latest message's first characters; null when the operator turned previews off. */
  preview: string | null;
}

export const PushLimits = {
  devicesPerUser: 20,
  endpointLength: 2048,
  pushkeyLength: 512,
  appId: /^[A-Za-z0-9._-]{1,64}$/,
  previewLength: 120,
} as const;
