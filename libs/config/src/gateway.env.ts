import { IsIn, IsInt, Min } from 'class-validator';
import { ToInt, ToList } from './env.transforms';
import { TokenVerificationEnv } from './token-verification.env';
import { WithPush } from './push.env';
import { IsString } from 'class-validator';

/** Settings of the Socket.IO gateway, shared by the gateway app and the standalone app. */
export class GatewayEnv extends WithPush(TokenVerificationEnv) {
  /**
   * Origins allowed to open a socket (comma-separated, or `*`). Empty (default): the server's own origin,
   * i.e. an Origin whose host equals the request's Host. Handshakes without an Origin are always allowed.
   */
  @ToList() @IsString({ each: true }) ALLOWED_ORIGINS: string[] = [];

  /** `redis` (classic pub/sub) or `sharded` (Redis ≥ 7 sharded pub/sub, for Redis Cluster). */
  @IsIn(['redis', 'sharded']) SOCKET_ADAPTER: 'redis' | 'sharded' = 'redis';

  /** A presence lease lives this long without a heartbeat: a dead replica's users go offline after it. */
  @ToInt() @IsInt() @Min(1000) PRESENCE_LEASE_MS = 30_000;

  /** How often each replica renews its sockets' leases. */
  @ToInt() @IsInt() @Min(200) PRESENCE_HEARTBEAT_MS = 10_000;

  /** How often each replica looks for expired leases. */
  @ToInt() @IsInt() @Min(100) PRESENCE_SWEEP_MS = 2_000;

  /** `message:send` allowed per user within the window. */
  @ToInt() @IsInt() @Min(1) RATE_LIMIT_SEND_POINTS = 30;

  /** Any other socket event allowed per user and event type within the window. */
  @ToInt() @IsInt() @Min(1) RATE_LIMIT_SOCKET_EVENT_POINTS = 60;

  /** The socket rate-limit window in seconds. */
  @ToInt() @IsInt() @Min(1) RATE_LIMIT_SOCKET_WINDOW_SECONDS = 10;

  /**
   * How often each socket's session (revocation) and joined rooms (membership) are checked again: the
   * bound on how long a lost removal or revocation event can leave a socket with access.
   */
  @ToInt() @IsInt() @Min(1000) SOCKET_AUDIT_MS = 30_000;

  /**
   * Sockets one user may hold at once, across replicas (a soft cap: handshakes racing each other may pass
   * it by a few). Over it, the handshake is refused with RATE_LIMITED.
   */
  @ToInt() @IsInt() @Min(1) MAX_SOCKETS_PER_USER = 50;

  /** On drain, clients are told to reconnect after a random delay up to this (ms). */
  @ToInt() @IsInt() @Min(0) DRAIN_RECONNECT_JITTER_MS = 3_000;

  /** On drain, sockets are closed this many at a time... */
  @ToInt() @IsInt() @Min(1) DRAIN_BATCH_SIZE = 200;

  /** ...with this pause between batches (ms). */
  @ToInt() @IsInt() @Min(0) DRAIN_BATCH_INTERVAL_MS = 50;
}
