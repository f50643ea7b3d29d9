export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');

/** What the gateway library needs from its app's config. */
export interface GatewayOptions {
  /** Empty: same origin only (the Origin's host equals the Host header). `*` allows any. */
  allowedOrigins: string[];
  presence: { leaseMs: number; heartbeatMs: number; sweepMs: number };
  rateLimits: { sendPoints: number; eventPoints: number; windowSeconds: number };
  /** Sockets one user may hold at once, across replicas. */
  maxSocketsPerUser: number;
  /** How often each socket's session and joined rooms are checked again (jittered ±20%). */
  audit: { intervalMs: number };
  drain: { reconnectJitterMs: number; batchSize: number; batchIntervalMs: number };
}
