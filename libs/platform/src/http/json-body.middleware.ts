import { json, type RequestHandler } from 'express';
import { Limits } from '@chat/contracts';
import { assertPlainPayload } from '../validation/payload-shape';
import { sendHttpError } from './http-error.filter';

/**
 * body-parser's errors happen before Nest's router, so its exception filters never see them.
 * Wrapping the parser keeps 413 and malformed JSON in the contract's envelope. The parsed body and the
 * query are then checked for shape (depth, prototype keys) before anything recursive reads them.
 */
export function jsonBodyMiddleware(): RequestHandler {
  const parse = json({ limit: Limits.httpBodyBytes, strict: true });
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (error) return sendHttpError(response, error);
      try {
        assertPlainPayload(request.body, 'body');
        assertPlainPayload(request.query, 'query');
      } catch (shapeError) {
        return sendHttpError(response, shapeError);
      }
      next();
    });
  };
}
