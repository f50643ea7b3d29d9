import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatApi } from '@chat/client-sdk';
import { ChatApiError } from '@chat/client-sdk';
import type { LoadMetrics } from './load-metrics';

export interface HistoryReader {
  api: ChatApi;
  roomId: string;
}

/**
 * The share of users who scroll back: each reads its room's latest page every `intervalMs` (starting
 * at a random offset, so they do not read in lockstep) until `stopped()`, timing every read.
 */
export async function runHistoryReaders(
  readers: HistoryReader[],
  intervalMs: number,
  metrics: LoadMetrics,
  stopped: () => boolean,
): Promise<void> {
  await Promise.all(
    readers.map(async ({ api, roomId }) => {
      await sleep(Math.random() * intervalMs);
      while (!stopped()) {
        const started = Date.now();
        try {
          await api.messages(roomId, { limit: 50 });
          metrics.recordHistoryRead(Date.now() - started);
        } catch (error) {
          metrics.recordError(error instanceof ChatApiError ? `history:${error.code}` : 'history:NETWORK');
        }
        await sleep(intervalMs);
      }
    }),
  );
}
