export const MESSAGES_OPTIONS = Symbol('MESSAGES_OPTIONS');

export interface MessagesOptions {
  /**
   * How long the first append to an idle room waits for companions before its batch is written (ms).
   * While a batch is being written, new appends queue and form the next batch without waiting.
   * @default 1
   */
  groupCommitMs: number;
  /** Most messages written by one `$inc` + `insertMany`. @default 200 */
  maxBatch: number;
  /** How long a `(senderId, clientMsgId)` stays in the fast idempotency cache (ms). @default 26 h */
  idempotencyTtlMs: number;
}

export const DEFAULT_MESSAGES_OPTIONS: MessagesOptions = {
  groupCommitMs: 1,
  maxBatch: 200,
  idempotencyTtlMs: 26 * 3600_000,
};
