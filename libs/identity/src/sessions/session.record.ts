/** How many spent refresh-token hashes a session remembers, to recognise reuse. */
export const SPENT_TOKENS_KEPT = 50;

/**
 * The refresh that made the current token, kept for the grace window (see refresh-grace.ts).
 * The successor is sealed under the token that refresh spent, which the store never holds.
 */
export interface LastRotation {
  previousHash: string;
  rotatedAt: Date;
  successorSealed: string;
}

/**
 * A session is one refresh-token family. Only hashes and the seal above are stored: a database leak
 * yields no usable token. `id` is the `sid` claim of every access token of the session.
 */
export interface SessionRecord {
  id: string;
  userId: string;
  refreshHash: string;
  spentHashes: string[];
  createdAt: Date;
  /** Renewed on every refresh; the store may remove the session after it. */
  expiresAt: Date;
  revokedAt: Date | null;
  /** null until the first refresh. */
  lastRotation: LastRotation | null;
}

export type NewSession = Omit<SessionRecord, 'spentHashes' | 'revokedAt' | 'lastRotation'>;

/** What one refresh swaps in: the next hash, and what lets the spent token find its successor. */
export interface RotationStep {
  presentedHash: string;
  nextHash: string;
  successorSealed: string;
  rotatedAt: Date;
  expiresAt: Date;
}
