import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { addressKey } from './address-key';

/**
 * The key of per-address rate limits: the caller's address as Express resolved it under TRUST_PROXY
 * (behind a proxy that is left unset, every client is the proxy), IPv6 by its /64 (see addressKey).
 */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  addressKey(context.switchToHttp().getRequest<Request>().ip ?? 'unknown'),
);
