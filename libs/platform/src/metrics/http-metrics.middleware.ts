import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics.registry';

/** Times every request; the route label is the route pattern, never the raw URL, to bound cardinality. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const stop = httpRequestDuration().startTimer({ method: request.method });
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ route: `${request.baseUrl}${route}`, status: String(response.statusCode) });
    });
    next();
  }
}
