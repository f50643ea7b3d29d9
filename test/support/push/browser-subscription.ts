/** The browser's side of a push subscription: the keys it decrypts with, and what it hands the app. */
import { createECDH, randomBytes } from 'node:crypto';
import type { CreateSubscriptionOptions, WebPushTestSubscription } from './web-push-types';
import type { BrowserKeys } from './web-push-decryption';

export interface BrowserSubscription extends BrowserKeys {
  endpoint: string;
  applicationServerKey?: string;
}

export function newBrowserSubscription(
  origin: string,
  options: CreateSubscriptionOptions,
): BrowserSubscription {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const endpoint = `${origin}/push/${randomBytes(12).toString('base64url')}`;
  return {
    endpoint,
    ecdh,
    publicKey,
    authSecret: randomBytes(16),
    applicationServerKey: options.applicationServerKey,
  };
}

/** What PushSubscription.toJSON() gives the app in a browser: the public halves only. */
export function publicSubscription(subscription: BrowserSubscription): WebPushTestSubscription {
  return {
    endpoint: subscription.endpoint,
    keys: {
      p256dh: subscription.publicKey.toString('base64url'),
      auth: subscription.authSecret.toString('base64url'),
    },
  };
}
