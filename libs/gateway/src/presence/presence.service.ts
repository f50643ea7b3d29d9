import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Channels, type PresenceEntry } from '@chat/contracts';
import { MembershipsRepository } from '@chat/rooms';
import type { ChatServer, ChatSocket } from '../chat-socket';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { PresenceAnnouncer } from './presence-announcer';
import { PresenceStore } from './presence.store';

/**
 * Online while any socket of the user, on any replica, holds an unexpired lease. Transitions are announced
 * to the channels of the user's rooms (sockets that joined a room the user is in) and to the user's own
 * devices. A replica that dies stops renewing; the others' sweep claims its users after the lease.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private server?: ChatServer;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly announcer: PresenceAnnouncer;

  constructor(
    private readonly store: PresenceStore,
    private readonly memberships: MembershipsRepository,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {
    this.announcer = new PresenceAnnouncer(
      (userIds) => memberships.roomIdsByUsers(userIds),
      (entry, roomIds) =>
        this.server?.to([Channels.user(entry.userId), ...roomIds.map(Channels.room)]).emit('presence', entry),
    );
  }

  start(server: ChatServer): void {
    this.server = server;
    const { heartbeatMs, sweepMs } = this.options.presence;
    this.timers.push(setInterval(() => void this.heartbeat(), heartbeatMs).unref());
    this.timers.push(setInterval(() => void this.sweep(), sweepMs).unref());
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  onModuleDestroy(): void {
    this.stop();
  }

  async connected(socket: ChatSocket): Promise<void> {
    const now = Date.now();
    const userId = socket.data.user.userId;
    if (await this.store.connect(userId, socket.id, now + this.options.presence.leaseMs, now)) {
      await this.announce({ userId, status: 'online', lastSeenAt: new Date(now).toISOString() });
    }
  }

  async disconnected(socket: ChatSocket): Promise<void> {
    const now = Date.now();
    const userId = socket.data.user.userId;
    if (await this.store.disconnect(userId, socket.id, now)) {
      await this.announce({ userId, status: 'offline', lastSeenAt: new Date(now).toISOString() });
    }
  }

  /**
   * Presence as `viewer` may see it: for the users who share a room with them, and for themself, as the
   * `presence` event goes. Anyone else is answered as a user never seen (`offline`, `lastSeenAt: null`),
   * which tells nothing, not even whether the account exists.
   */
  async statusFor(viewer: string, userIds: string[]): Promise<PresenceEntry[]> {
    const asked = [...new Set(userIds)];
    const visible = await this.visibleTo(viewer, asked);
    const known = new Map(
      (
        await this.store.status(
          asked.filter((id) => visible.has(id)),
          Date.now(),
        )
      ).map((entry) => [entry.userId, entry]),
    );
    return asked.map((userId) => known.get(userId) ?? { userId, status: 'offline', lastSeenAt: null });
  }

  private async visibleTo(viewer: string, userIds: string[]): Promise<Set<string>> {
    const mine = new Set((await this.memberships.listByUser(viewer)).map((membership) => membership.roomId));
    const theirs = await this.memberships.roomIdsByUsers(userIds.filter((id) => id !== viewer));
    const visible = new Set(userIds.filter((id) => id === viewer));
    for (const [userId, roomIds] of theirs)
      if (roomIds.some((roomId) => mine.has(roomId))) visible.add(userId);
    return visible;
  }

  private async heartbeat(): Promise<void> {
    if (!this.server) return;
    const leases = [...this.server.of('/').sockets.values()]
      .filter((socket) => socket.data.user)
      .map((socket) => ({ userId: socket.data.user.userId, socketId: socket.id }));
    await this.store.renew(leases, Date.now() + this.options.presence.leaseMs).catch((error: unknown) => {
      this.logger.warn(`presence heartbeat failed: ${String(error)}`);
    });
  }

  private async sweep(): Promise<void> {
    try {
      const now = Date.now();
      for (const userId of await this.store.sweep(now)) {
        await this.announce({ userId, status: 'offline', lastSeenAt: new Date(now).toISOString() });
      }
    } catch (error) {
      this.logger.warn(`presence sweep failed: ${String(error)}`);
    }
  }

  private async announce(entry: PresenceEntry): Promise<void> {
    if (!this.server) return;
    await this.announcer.announce(entry);
  }
}
