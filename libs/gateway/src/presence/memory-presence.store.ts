import type { PresenceEntry } from '@chat/contracts';
import { PresenceStore } from './presence.store';

/** The one-process twin of the Redis store, for the standalone server. */
export class MemoryPresenceStore extends PresenceStore {
  private readonly leases = new Map<string, Map<string, number>>();
  private readonly seen = new Map<string, string>();

  connect(userId: string, socketId: string, expiresAt: number, now: number): Promise<boolean> {
    const leases = this.live(userId, now);
    const cameOnline = leases.size === 0;
    leases.set(socketId, expiresAt);
    this.leases.set(userId, leases);
    this.seen.set(userId, new Date(now).toISOString());
    return Promise.resolve(cameOnline);
  }

  liveSockets(userId: string, now: number): Promise<number> {
    return Promise.resolve(this.live(userId, now).size);
  }

  renew(leases: { userId: string; socketId: string }[], expiresAt: number): Promise<void> {
    for (const { userId, socketId } of leases) this.leases.get(userId)?.set(socketId, expiresAt);
    return Promise.resolve();
  }

  disconnect(userId: string, socketId: string, now: number): Promise<boolean> {
    const leases = this.live(userId, now);
    leases.delete(socketId);
    this.seen.set(userId, new Date(now).toISOString());
    if (leases.size > 0) return Promise.resolve(false);
    const hadAny = this.leases.delete(userId);
    return Promise.resolve(hadAny);
  }

  sweep(now: number): Promise<string[]> {
    const gone: string[] = [];
    for (const userId of [...this.leases.keys()]) {
      if (this.live(userId, now).size === 0) {
        this.leases.delete(userId);
        this.seen.set(userId, new Date(now).toISOString());
        gone.push(userId);
      }
    }
    return Promise.resolve(gone);
  }

  status(userIds: string[], now: number): Promise<PresenceEntry[]> {
    return Promise.resolve(
      userIds.map((userId) => {
        const online = this.live(userId, now).size > 0;
        return {
          userId,
          status: online ? 'online' : 'offline',
          lastSeenAt: online ? new Date(now).toISOString() : (this.seen.get(userId) ?? null),
        };
      }),
    );
  }

  private live(userId: string, now: number): Map<string, number> {
    const leases = this.leases.get(userId) ?? new Map<string, number>();
    for (const [socketId, expiresAt] of leases) if (expiresAt <= now) leases.delete(socketId);
    return leases;
  }
}
