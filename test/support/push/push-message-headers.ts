/** The headers of a push message (RFC 8030 §5) that change what a push service does with it. */
import type { IncomingMessage } from 'node:http';
import { singleHeader } from './local-http';
import { refuse } from './refusal';

const URGENCIES = ['very-low', 'low', 'normal', 'high'] as const;
export type PushUrgency = (typeof URGENCIES)[number];

export interface PushHeaders {
  ttl: number;
  urgency: PushUrgency | null;
  topic: string | null;
}

export function readPushHeaders(req: IncomingMessage): PushHeaders {
  const ttl = singleHeader(req, 'ttl');
  if (ttl === undefined || !/^\d+$/.test(ttl))
    refuse(400, `TTL must be a non-negative integer, got ${ttl ?? '(missing)'}`);
  const encoding = singleHeader(req, 'content-encoding');
  if (encoding?.toLowerCase() !== 'aes128gcm')
    refuse(400, `Content-Encoding must be aes128gcm, got ${encoding}`);
  const urgency = singleHeader(req, 'urgency') ?? null;
  if (urgency !== null && !URGENCIES.includes(urgency as PushUrgency))
    refuse(400, `unknown Urgency ${urgency}`);
  const topic = singleHeader(req, 'topic') ?? null;
  if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) {
    refuse(400, `Topic must be at most 32 base64url characters, got ${topic}`);
  }
  return { ttl: Number(ttl), urgency: urgency as PushUrgency | null, topic };
}
