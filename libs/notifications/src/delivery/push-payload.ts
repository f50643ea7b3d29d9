import { PushLimits, type NotificationReason, type PushNotificationPayload } from '@chat/contracts';
import type { OutboxNotification } from '../outbox/outbox-notification';

/** The first characters of the body, or of the first file's name for a message that only carries files. */
export function previewOf(message: { body: string; attachments: { name: string }[] }): string {
  const text = message.body || (message.attachments[0] ? `📎 ${message.attachments[0].name}` : '');
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > PushLimits.previewLength
    ? `${chars.slice(0, PushLimits.previewLength - 1).join('')}…`
    : chars.join('');
}

export function payloadOf(
  notification: OutboxNotification,
  names: { roomName: string | null; senderName: string | null },
): PushNotificationPayload {
  return {
    v: 1,
    id: notification.id,
    roomId: notification.roomId,
    roomName: names.roomName,
    messageId: notification.messageId,
    seq: notification.seq,
    senderId: notification.senderId,
    senderName: names.senderName,
    count: notification.count,
    reason: notification.reason,
    preview: notification.preview,
  };
}

/** Direct messages and mentions wake a phone (high urgency, priority); the rest may wait for its next wake-up. */
export function isPressing(reason: NotificationReason): boolean {
  return reason === 'mention' || reason === 'direct';
}
