import type { NewSession, SessionRecord } from './session.record';

/** The port of the `sessions` collection (or table); identity is its only writer. */
export abstract class SessionsRepository {
  abstract create(record: NewSession): Promise<void>;
  abstract findById(id: string): Promise<SessionRecord | null>;
  /**
   * Swaps the current refresh hash for a new one in one atomic step, remembering the presented one as
   * spent: of two concurrent refreshes with the same token exactly one wins, the other gets null.
   */
  abstract rotate(
    id: string,
    presentedHash: string,
    nextHash: string,
    expiresAt: Date,
  ): Promise<SessionRecord | null>;
  abstract markRevoked(id: string): Promise<void>;
}
