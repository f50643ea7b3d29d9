import { setTimeout as sleep } from 'node:timers/promises';
import type { PresenceEntry } from '@chat/contracts';

interface Batch {
  entries: PresenceEntry[];
  done: Promise<void>;
}

/**
 * Announces presence transitions in small batches: one membership lookup for every transition of the
 * last `windowMs` instead of one per connect. A wave of logins or reconnects (a replica restarting, a
 * balancer reloading) otherwise costs a store query per socket. Order within a batch is kept, so a
 * user's online-then-offline goes out in that order.
 */
export class PresenceAnnouncer {
  private current: Batch | null = null;

  constructor(
    /** The rooms of each user, in one query. */
    private readonly roomsOf: (userIds: string[]) => Promise<Map<string, string[]>>,
    private readonly emit: (entry: PresenceEntry, roomIds: string[]) => void,
    private readonly windowMs = 20,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the entry's batch went out; rejects when its lookup failed. */
  announce(entry: PresenceEntry): Promise<void> {
    if (!this.current) {
      const entries: PresenceEntry[] = [];
      const batch: Batch = {
        entries,
        done: sleep(this.windowMs, undefined, { ref: false }).then(() => this.flush(batch)),
      };
      this.current = batch;
    }
    const batch = this.current;
    batch.entries.push(entry);
    // A full batch closes now; its timer then flushes what it already holds.
    if (batch.entries.length >= this.maxBatch) this.current = null;
    return batch.done;
  }

  private async flush(batch: Batch): Promise<void> {
    if (this.current === batch) this.current = null;
    const rooms = await this.roomsOf([...new Set(batch.entries.map((entry) => entry.userId))]);
    for (const entry of batch.entries) this.emit(entry, rooms.get(entry.userId) ?? []);
  }
}
