import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCode, HTTP_STATUS_BY_CODE, type ErrorEnvelope } from '@chat/contracts';
import { toErrorBody } from '../errors/to-error-body';

/** Writes a contract error envelope; shared by the Nest filter and the body-parser wrapper. */
export function sendHttpError(response: Response, error: unknown, logger?: Logger): void {
  const body = toErrorBody(error);
  if (body.code === ErrorCode.INTERNAL) logger?.error(error);
  if (body.retryAfterMs !== undefined) {
    response.setHeader('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
  }
  const envelope: ErrorEnvelope = { error: body };
  response.status(HTTP_STATUS_BY_CODE[body.code]).json(envelope);
}

/** The one HTTP exception filter: every error leaves as `{error:{code,message}}` with its status. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    sendHttpError(host.switchToHttp().getResponse<Response>(), exception, this.logger);
  }
}
