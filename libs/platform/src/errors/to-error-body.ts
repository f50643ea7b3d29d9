import { HttpException } from '@nestjs/common';
import { ErrorCode, errorCodeForStatus, type ErrorBody } from '@chat/contracts';
import { AppError } from './app-error';

/**
 * Errors raised while reading a body: body-parser's carry a `type` and a 4xx `status`; a body that
 * fails to inflate (a bad gzip) carries zlib's `code` (Z_DATA_ERROR, ...) and no type.
 */
interface BodyParserError {
  type?: string;
  status?: number;
  code?: string;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { type, status, code } = error as BodyParserError;
  const clientStatus = typeof status === 'number' && status >= 400 && status < 500;
  return (typeof type === 'string' && clientStatus) || (typeof code === 'string' && code.startsWith('Z_'));
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
  // The backstop for any input that still drove recursive code too deep.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: ErrorCode.VALIDATION_FAILED, message: 'Input nested too deeply' };
  }
  return { code: ErrorCode.INTERNAL, message: 'Internal error' };
}
