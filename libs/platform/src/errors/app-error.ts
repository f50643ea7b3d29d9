import { ErrorCode } from '@chat/contracts';

/**
 * A domain error with a contract code. Services throw it; each transport's single filter maps it
 * (HTTP status + envelope, or a socket ack), so one service serves both transports.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(message: string): AppError {
    return new AppError(ErrorCode.VALIDATION_FAILED, message);
  }

  static unauthorized(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHORIZED, message);
  }

  static forbidden(message = 'Not allowed'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static conflict(message: string): AppError {
    return new AppError(ErrorCode.CONFLICT, message);
  }

  static rateLimited(retryAfterMs: number): AppError {
    return new AppError(
      ErrorCode.RATE_LIMITED,
      'Too many requests; retry later',
      Math.max(1, Math.ceil(retryAfterMs)),
    );
  }
}
