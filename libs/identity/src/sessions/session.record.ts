/** How many spent refresh-token hashes a session remembers, to recognise reuse. */
export const SPENT_TOKENS_KEPT = 50;

/**
 * A session is one refresh-token family. Only hashes are stored: a database leak yields no usable token.
 * `id` is the `sid` claim of every access token of the session.
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
}

export type NewSession = Omit<SessionRecord, 'spentHashes' | 'revokedAt'>;
