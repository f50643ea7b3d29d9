import type { NewSession, RotationStep, SessionRecord } from './session.record';

/** The port of the `sessions` collection (or table); identity is its only writer. */
export abstract class SessionsRepository {
  abstract create(record: NewSession): Promise<void>;
  abstract findById(id: string): Promise<SessionRecord | null>;
  /**
   * Swaps the current refresh hash for the step's next one in one atomic step, remembering the
   * presented one as spent and as the last rotation's: of two concurrent refreshes with the same token
   * exactly one wins, the other gets null.
   */
  abstract rotate(id: string, step: RotationStep): Promise<SessionRecord | null>;
  abstract markRevoked(id: string): Promise<void>;
}
