import type { RecordingClient } from '@chat/recording-client';
import type { LoadMetrics } from './load-metrics';

export interface UploadPlan {
  /** Share of sends (0..1) that first upload `file` and attach it. */
  share: number;
  file: { name: string; data: Uint8Array };
}

/**
 * Whether send number `n` (from 0) uploads: exactly `share` of any run of sends, spread evenly, so a
 * short smoke run gets its share without a seed.
 */
export function uploadsDue(n: number, share: number): boolean {
  return Math.floor((n + 1) * share) > Math.floor(n * share);
}

/**
 * A file of `bytes` that does not compress to nothing (a proxy's gzip or a store's dedup would flatter
 * the numbers), the same for the whole run.
 */
export function uploadFile(bytes: number, runTag: string): UploadPlan['file'] {
  const data = new Uint8Array(bytes);
  let state = 0x9e3779b9;
  for (let i = 0; i < bytes; i += 1) {
    // xorshift32: cheap bytes with no pattern worth compressing.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = state & 0xff;
  }
  return { name: `loadgen-${runTag}.bin`, data };
}

/**
 * Uploads the run's file to the sender's room, timed. A refused upload (RATE_LIMITED past 30 per user
 * per minute, among others) is counted and the message goes without it: the traffic's sends stay
 * what was offered.
 */
export async function attachFile(
  client: RecordingClient,
  roomId: string,
  plan: UploadPlan,
  metrics: LoadMetrics,
): Promise<string[]> {
  const started = Date.now();
  try {
    const attachment = await client.chat.api.uploadAttachment(roomId, plan.file);
    metrics.recordUpload(Date.now() - started, true);
    return [attachment.id];
  } catch (error) {
    metrics.recordUpload(Date.now() - started, false);
    metrics.recordError(`upload:${(error as { code?: string }).code ?? 'NETWORK'}`);
    return [];
  }
}
