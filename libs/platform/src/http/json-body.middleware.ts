import { json, type RequestHandler } from 'express';
import { Limits } from '@chat/contracts';
import { sendHttpError } from './http-error.filter';

/**
 * body-parser's errors happen before Nest's router, so its exception filters never see them.
 * Wrapping the parser keeps 413 and malformed JSON in the contract's envelope.
 */
export function jsonBodyMiddleware(): RequestHandler {
  const parse = json({ limit: Limits.httpBodyBytes, strict: true });
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => (error ? sendHttpError(response, error) : next()));
  };
}
