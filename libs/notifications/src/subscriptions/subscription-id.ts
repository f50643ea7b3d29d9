import { createHash } from 'node:crypto';
import type { PushSubscriptionInput } from '@chat/contracts';

/**
 * A subscription's id is derived from the device, so registering the same browser or app install twice
 * gives the same id, and one device never receives a notification twice. 24 hex digits: an ObjectId.
 */
export function subscriptionIdFor(input: PushSubscriptionInput): string {
  const device =
    input.kind === 'webpush' ? `webpush\n${input.endpoint}` : `gateway\n${input.appId}\n${input.pushkey}`;
  return createHash('sha256').update(device).digest('hex').slice(0, 24);
}
