/** Writes a read marker; only ever moves it forward. */
export type AdvanceReadMarker = (roomId: string, userId: string, seq: number) => Promise<void>;

interface MarkerState {
  /** The highest seq asked for. */
  wanted: number;
  /** The highest seq written (or given up on). */
  written: number;
}

/**
 * A member's own message counts as read by them, but only the highest seq matters: the marker only moves
 * forward. Writing it once per message put a store write on every send (on the embedded store, one that
 * scans every membership), so per room and sender at most one write is in flight here, and the seqs that
 * arrive meanwhile collapse into one follow-up write of the highest. Best effort, as before: a failed
 * write is not retried and never fails the send.
 */
export class SenderReadMarks {
  private readonly markers = new Map<string, MarkerState>();

  constructor(private readonly write: AdvanceReadMarker) {}

  advance(roomId: string, userId: string, seq: number): void {
    const key = `${roomId}\n${userId}`;
    const marker = this.markers.get(key);
    if (marker) {
      marker.wanted = Math.max(marker.wanted, seq);
      return;
    }
    this.markers.set(key, { wanted: seq, written: 0 });
    void this.writeUntilCurrent(key, roomId, userId);
  }

  private async writeUntilCurrent(key: string, roomId: string, userId: string): Promise<void> {
    for (;;) {
      const marker = this.markers.get(key)!;
      if (marker.wanted <= marker.written) {
        this.markers.delete(key);
        return;
      }
      const seq = marker.wanted;
      await this.write(roomId, userId, seq).catch(() => undefined);
      marker.written = seq;
    }
  }
}
