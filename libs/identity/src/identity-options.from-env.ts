import type { IdentityEnv } from '@chat/config';
import type { IdentityOptions } from './identity.options';

/** Maps an app's validated config onto the domain's options; the one place the two vocabularies meet. */
export function identityOptionsFromEnv(env: IdentityEnv): IdentityOptions {
  return {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    refreshGraceSeconds: env.REFRESH_GRACE_SECONDS,
    firstAdmin:
      env.ADMIN_USERNAME !== undefined && env.ADMIN_PASSWORD !== undefined
        ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }
        : undefined,
    legacyAdminUsernamesSet: (env.ADMIN_USERNAMES ?? '').trim() !== '',
    registrationOpen: env.REGISTRATION_OPEN,
    rateLimits: {
      registerPerMinute: env.RATE_LIMIT_REGISTER_PER_MINUTE,
      loginFailures: env.RATE_LIMIT_LOGIN_FAILURES,
      loginWindowSeconds: env.RATE_LIMIT_LOGIN_WINDOW_SECONDS,
    },
    argon2: { memoryKib: env.ARGON2_MEMORY_KIB, timeCost: env.ARGON2_TIME_COST },
    keys: {
      signingKeyPem: env.AUTH_SIGNING_KEY,
      retiredPublicKeysPem: env.AUTH_RETIRED_PUBLIC_KEYS,
      dataDir: env.DATA_DIR,
      requireProvidedKey: env.NODE_ENV === 'production',
    },
  };
}
