import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Channels, ErrorCode } from '@chat/contracts';
import { SessionRevocations } from '@chat/authn';
import { withDeadline } from '@chat/platform/store';
import { MembershipsRepository } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { joinedRoomIds } from './joined-rooms';

/** setTimeout's longest delay; a token living longer is simply re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const AUDIT_READ_DEADLINE_MS = 5_000;

interface Watch {
  expiry?: NodeJS.Timeout;
  audit?: NodeJS.Timeout;
}

/**
 * What a handshake checked must stay true for the socket's whole life, even when an event that should
 * have told this replica otherwise (a removal, a revocation) was lost on the way:
 * - the access token: at its expiry the socket is told `auth:expired` and disconnected, unless a fresh
 *   token of the same session arrived through `auth:renew`;
 * - the session and the rooms: every audit interval (jittered, so sockets spread out) the socket's session
 *   is checked against the revocation list and its joined rooms against its memberships. A removed member
 *   therefore leaves the room within one interval (plus a read's deadline) at the latest.
 */
@Injectable()
export class SocketSessionWatch implements OnModuleDestroy {
  private readonly logger = new Logger(SocketSessionWatch.name);
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly revocations: SessionRevocations,
    private readonly memberships: MembershipsRepository,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  watch(socket: ChatSocket): void {
    this.watches.set(socket.id, {});
    this.armExpiry(socket);
    this.armAudit(socket);
  }

  /** The socket's user now carries a fresh token's expiry. */
  renewed(socket: ChatSocket): void {
    this.armExpiry(socket);
  }

  unwatch(socket: ChatSocket): void {
    const watch = this.watches.get(socket.id);
    clearTimeout(watch?.expiry);
    clearTimeout(watch?.audit);
    this.watches.delete(socket.id);
  }

  onModuleDestroy(): void {
    for (const watch of this.watches.values()) {
      clearTimeout(watch.expiry);
      clearTimeout(watch.audit);
    }
    this.watches.clear();
  }

  /** One audit now; exposed for the periodic timer. */
  async audit(socket: ChatSocket): Promise<void> {
    const { userId, sessionId } = socket.data.user;
    if (await this.revocations.isRevoked(sessionId)) {
      this.logger.log(`session ${sessionId} found revoked by audit: disconnecting socket ${socket.id}`);
      socket.disconnect(true);
      return;
    }
    // Taken before the read: a room joined while the read runs was checked by its own join.
    const joined = joinedRoomIds(socket);
    if (joined.length === 0) return;
    const memberships = await withDeadline(
      this.memberships.listByUser(userId),
      AUDIT_READ_DEADLINE_MS,
      'the memberships store',
    );
    const member = new Set(memberships.map((membership) => membership.roomId));
    for (const roomId of joined.filter((id) => !member.has(id))) {
      await socket.leave(Channels.room(roomId));
      socket.emit('room:removed', { roomId });
    }
  }

  private armExpiry(socket: ChatSocket): void {
    const watch = this.watches.get(socket.id);
    const expiresAt = socket.data.user.expiresAt;
    if (!watch || expiresAt === undefined) return;
    clearTimeout(watch.expiry);
    const delay = Math.max(0, expiresAt - Date.now());
    watch.expiry = setTimeout(
      () => (delay > MAX_TIMER_MS ? this.armExpiry(socket) : this.expire(socket)),
      Math.min(delay, MAX_TIMER_MS),
    ).unref();
  }

  private expire(socket: ChatSocket): void {
    socket.emit('auth:expired', {
      code: ErrorCode.UNAUTHORIZED,
      message: 'The access token expired; reconnect with a fresh one, or send auth:renew before expiry',
    });
    socket.disconnect(true);
  }

  private armAudit(socket: ChatSocket): void {
    const watch = this.watches.get(socket.id);
    if (!watch) return;
    const every = this.options.audit.intervalMs;
    const delay = every * (0.8 + Math.random() * 0.4);
    watch.audit = setTimeout(() => {
      this.audit(socket)
        .catch((error: unknown) => this.logger.warn(`socket audit deferred: ${String(error)}`))
        .finally(() => this.armAudit(socket));
    }, delay).unref();
  }
}
