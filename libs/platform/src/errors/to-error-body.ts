import { HttpException } from '@nestjs/common';
import { ErrorCode, errorCodeForStatus, type ErrorBody } from '@chat/contracts';
import { AppError } from './app-error';

/** Errors raised by body-parser carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Maps anything thrown to the contract's error body; unknown errors become INTERNAL with no detail leaked. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return error.retryAfterMs === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof HttpException) {
    return { code: errorCodeForStatus(error.getStatus()), message: httpExceptionMessage(error) };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body exceeds 64 KB' };
    }
    return { code: ErrorCode.VALIDATION_FAILED, message: `Malformed request body: ${error.message}` };
  }
  return { code: ErrorCode.INTERNAL, message: 'Internal error' };
}
