import type { ErrorCode } from './error-codes';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Present on RATE_LIMITED only. */
  retryAfterMs?: number;
}

/** The body of every HTTP error: `{"error":{"code","message"}}`. */
export interface ErrorEnvelope {
  error: ErrorBody;
}
