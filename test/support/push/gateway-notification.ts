/** The body a push gateway is sent, in the Matrix push gateway request shape. */
import { refuse } from './refusal';

export interface GatewayDevice {
  app_id: string;
  pushkey: string;
  pushkey_ts?: number;
  data?: Record<string, unknown>;
  tweaks?: Record<string, unknown>;
}

/** What a gateway is sent; only `devices` is required by the gateway itself, the rest is what the app chose. */
export interface GatewayNotification {
  event_id?: string;
  room_id?: string;
  type?: string;
  sender?: string;
  sender_display_name?: string;
  room_name?: string;
  prio?: 'high' | 'low';
  counts?: { unread?: number; missed_calls?: number };
  content?: Record<string, unknown>;
  id?: string;
  devices: GatewayDevice[];
  [field: string]: unknown;
}

export function parseNotification(body: Buffer): GatewayNotification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  const notification = (parsed as { notification?: unknown } | null)?.notification;
  if (!notification || typeof notification !== 'object') refuse(400, 'the body has no notification object');
  const devices = (notification as { devices?: unknown }).devices;
  const wellFormed =
    Array.isArray(devices) &&
    devices.length > 0 &&
    devices.every(
      (device: unknown) =>
        typeof (device as GatewayDevice | null)?.app_id === 'string' &&
        typeof (device as GatewayDevice | null)?.pushkey === 'string',
    );
  if (!wellFormed) refuse(400, 'notification.devices must be a non-empty list of { app_id, pushkey }');
  return notification as GatewayNotification;
}
