import { ChatApiError, type ChatApi } from '@chat/client-sdk';
import { base64UrlToBytes } from './base64url';

/**
 * This device's push notifications: `off` until the user enables them, `blocked` when the browser's
 * permission is denied, `unavailable` when the server has no Web Push configured.
 */
export type PushState = 'unsupported' | 'off' | 'enabled' | 'blocked' | 'unavailable';

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The state as far as this browser knows it, without prompting. */
export async function currentPushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  if (Notification.permission !== 'granted') return 'off';
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  return subscription ? 'enabled' : 'off';
}

/**
 * Asks for permission, subscribes with the server's VAPID key and registers the subscription with the
 * server. Safe to repeat: the browser returns the same subscription and the server the same record.
 */
export async function subscribeDevice(api: ChatApi): Promise<PushState> {
  if (!supported()) return 'unsupported';
  // Permission comes first: Safari prompts only while the click's activation is fresh, before any fetch.
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return 'blocked';
  if (permission !== 'granted') return 'off';
  const config = await api.pushConfig().catch((error: unknown) => {
    // A server from before push notifications has no /api/push.
    if (error instanceof ChatApiError && error.status === 404) return null;
    throw error;
  });
  if (!config?.webPush) return 'unavailable';
  const key = base64UrlToBytes(config.webPush.publicKey);
  // subscribe() needs an active worker; `ready` waits for it, registering first if the start-up one failed.
  if (!(await navigator.serviceWorker.getRegistration('/'))) await navigator.serviceWorker.register('/sw.js');
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made with another key (the server's VAPID keys rotated) cannot be reused: subscribe()
  // would refuse it.
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key,
  });
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth)
    throw new Error('The browser returned an incomplete subscription');
  await api.addPushSubscription({
    kind: 'webpush',
    endpoint,
    keys: { p256dh: keys.p256dh, auth: keys.auth },
  });
  return 'enabled';
}

/**
 * On sign-out: this browser stops receiving the account's notifications. The server forgets the
 * subscription as well, since it belongs to the session just ended.
 */
export async function unsubscribeDevice(): Promise<void> {
  if (!supported()) return;
  const registration = await navigator.serviceWorker.getRegistration('/');
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}

function sameBytes(buffer: ArrayBuffer | null, bytes: Uint8Array): boolean {
  if (!buffer || buffer.byteLength !== bytes.length) return false;
  const other = new Uint8Array(buffer);
  return bytes.every((byte, i) => byte === other[i]);
}
