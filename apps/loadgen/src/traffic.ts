import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeMaker, type RecordingClient } from '@chat/recording-client';
import type { LoadMetrics } from './load-metrics';
import { attachFile, uploadsDue, type UploadPlan } from './uploads';
import { intendedSendTimes } from '@chat/load-measure';

const yieldToIo = () => new Promise((resolve) => setImmediate(resolve));

export interface Sender {
  client: RecordingClient;
  roomId: string;
}

export interface TrafficPlan {
  startAt: number;
  rate: number;
  rampUpMs: number;
  durationMs: number;
  maxMessages: number;
  body: string;
  runTag: string;
  /** Which sends first upload a file to attach. */
  uploads: UploadPlan;
  /** After each acked send, its sender makes the changes due (ChangeMaker): edits, deletions, reactions. */
  changes: boolean;
  /** Each send's intended time by clientMsgId, for the receivers' delivery latency. */
  intendedById: Map<string, number>;
  stopRequested: () => boolean;
}

/**
 * Offers the fixed load: at each intended time the next sender (round robin) sends one message with
 * a fresh clientMsgId, without waiting for earlier acks; each send retries until acked, as a real
 * client does. With `changes`, each settled send may be followed by its sender's changes, on top of the
 * rate. Resolves once every send and change has settled.
 */
export async function runTraffic(senders: Sender[], plan: TrafficPlan, metrics: LoadMetrics): Promise<void> {
  const pending = new Set<Promise<void>>();
  const changeMakers = senders.map(({ client, roomId }) => new ChangeMaker(client, roomId));
  let n = 0;
  for (const intended of intendedSendTimes(
    plan.startAt,
    plan.rate,
    plan.rampUpMs,
    plan.durationMs,
    plan.maxMessages,
  )) {
    if (plan.stopRequested()) break;
    const wait = intended - Date.now();
    if (wait > 1) await sleep(wait);
    // Behind schedule, sends go out back to back; the socket still needs the event loop now and then.
    else if (n % 50 === 0) await yieldToIo();
    const changes = changeMakers[n % senders.length];
    const { client, roomId } = senders[n % senders.length];
    const clientMsgId = `lg${plan.runTag}${(n++).toString(36).padStart(6, '0')}`;
    plan.intendedById.set(clientMsgId, intended);
    metrics.recordSend(Date.now());
    const upload = uploadsDue(n - 1, plan.uploads.share)
      ? attachFile(client, roomId, plan.uploads, metrics)
      : [];
    const send = Promise.resolve(upload)
      .then((attachmentIds) =>
        client.send(roomId, clientMsgId, plan.body, { intendedAt: intended, attachmentIds }),
      )
      .then((record) => {
        metrics.recordAck(intended, record.settledAt, record.outcome === 'acked');
        return plan.changes ? changes.afterSend(record) : undefined;
      });
    pending.add(send);
    void send.finally(() => pending.delete(send));
  }
  await Promise.all(pending);
}

/** A body of exactly `bytes` printable ASCII characters. */
export function messageBody(bytes: number): string {
  const text = 'load test message, the quick brown fox jumps over the lazy dog. ';
  return text
    .repeat(Math.ceil(bytes / text.length))
    .slice(0, bytes)
    .replace(/ $/, '.');
}
