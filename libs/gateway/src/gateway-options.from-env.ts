import type { GatewayEnv } from '@chat/config';
import type { GatewayOptions } from './gateway.options';

export function gatewayOptionsFromEnv(env: GatewayEnv): GatewayOptions {
  return {
    // Browsers send origins lower-case and without a trailing slash; compare like with like.
    allowedOrigins: env.ALLOWED_ORIGINS.map((origin) => origin.replace(/\/+$/, '').toLowerCase()),
    presence: {
      leaseMs: env.PRESENCE_LEASE_MS,
      heartbeatMs: env.PRESENCE_HEARTBEAT_MS,
      sweepMs: env.PRESENCE_SWEEP_MS,
    },
    rateLimits: {
      sendPoints: env.RATE_LIMIT_SEND_POINTS,
      eventPoints: env.RATE_LIMIT_SOCKET_EVENT_POINTS,
      windowSeconds: env.RATE_LIMIT_SOCKET_WINDOW_SECONDS,
    },
    maxSocketsPerUser: env.MAX_SOCKETS_PER_USER,
    audit: { intervalMs: env.SOCKET_AUDIT_MS },
    drain: {
      reconnectJitterMs: env.DRAIN_RECONNECT_JITTER_MS,
      batchSize: env.DRAIN_BATCH_SIZE,
      batchIntervalMs: env.DRAIN_BATCH_INTERVAL_MS,
    },
  };
}
