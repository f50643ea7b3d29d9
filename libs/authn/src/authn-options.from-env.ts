import type { TokenVerificationEnv } from '@chat/config';
import type { AuthnOptions } from './authn.options';

export function authnOptionsFromEnv(env: TokenVerificationEnv, keys: AuthnOptions['keys']): AuthnOptions {
  return {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    keys,
  };
}
