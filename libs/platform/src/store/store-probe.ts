/** What readiness asks of the database, whichever it is. */
export abstract class StoreProbe {
  /** Resolves when the store answers; rejects (or times out) otherwise. */
  abstract ping(timeoutMs: number): Promise<void>;
}
