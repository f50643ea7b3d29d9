import type { ErrorBody, ErrorCode } from '@chat/contracts';

/** An error answered by the server, over HTTP (with its status) or through a socket ack. */
export class ChatApiError extends Error {
  readonly code: ErrorCode;
  /** The HTTP status; `undefined` for a socket ack. */
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(body: ErrorBody, status?: number) {
    super(body.message);
    this.name = 'ChatApiError';
    this.code = body.code;
    this.status = status;
    this.retryAfterMs = body.retryAfterMs;
  }
}

/** No ack arrived in time: the event may or may not have been handled, so retry idempotently. */
export class AckTimeoutError extends Error {
  constructor(readonly event: string) {
    super(`No ack for ${event} in time`);
    this.name = 'AckTimeoutError';
  }
}

/** The session cannot be renewed any more (logout, revocation, refresh token reuse): log in again. */
export class SessionEndedError extends Error {
  constructor(message = 'The session has ended; log in again') {
    super(message);
    this.name = 'SessionEndedError';
  }
}
