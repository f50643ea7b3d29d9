/**
 * The store of record for revoked sessions (the sessions table of the identity library). The Redis list
 * in SessionRevocations is the fast path; this answers when that list cannot, so an outage of Redis
 * never turns into accepting a revoked session.
 */
export abstract class RevokedSessionsLedger {
  /** @returns true for a revoked or unknown session */
  abstract isRevoked(sessionId: string): Promise<boolean>;
}
