import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordingClient } from '@chat/recording-client';

export interface FanOutProbeOptions {
  /** A new probe starts this often (or as soon as the previous one was acked, when that is slower). @default 250 */
  everyMs?: number;
  /** Gives up (rejects) after this long. @default 15000 */
  capMs?: number;
}

/**
 * How long until live fan-out works between two clients on different gateways: `from` sends a probe
 * every `everyMs` (real sends, each recorded for the delivery checker like any other), and the answer is
 * the time from the call until the first probe reaches `to` as a live `message:new`. A probe that only
 * arrives through a `room:join {sinceSeq}` catch-up does not count: that is recovery, not fan-out.
 */
export async function timeToLiveFanOut(
  from: RecordingClient,
  to: RecordingClient,
  roomId: string,
  options: FanOutProbeOptions = {},
): Promise<number> {
  const { everyMs = 250, capMs = 15_000 } = options;
  const startedAt = Date.now();
  const prefix = `probe-${from.id.replace(/[^A-Za-z0-9]/g, '-')}-`;
  const arrival = to.firstLive(
    (message) => message.senderId === from.userId && message.clientMsgId.startsWith(prefix),
    capMs,
  );
  let arrived = false;
  // One probe at a time, so that the sender's own order stays the order of its sends.
  const probing = (async () => {
    for (let n = 1; !arrived && Date.now() - startedAt < capMs; n++) {
      const tick = Date.now();
      await from.send(roomId, `${prefix}${n}`, `fan-out probe ${n}`);
      await sleep(Math.max(0, everyMs - (Date.now() - tick)));
    }
  })();
  try {
    return (await arrival) - startedAt;
  } finally {
    arrived = true;
    await probing;
  }
}
