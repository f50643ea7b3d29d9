import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { Limits } from '@chat/contracts';
import { ToBool, ToInt } from './env.transforms';
import { TokenVerificationEnv } from './token-verification.env';

/** Both or neither: a name without a password (or the reverse) is a half-done bootstrap, refused at boot. */
const adminAccountSet = (env: IdentityEnv) =>
  env.ADMIN_USERNAME !== undefined || env.ADMIN_PASSWORD !== undefined;

/** The username rules registration applies. */
function IsAccountUsername(): PropertyDecorator {
  const { min, max, pattern } = Limits.username;
  return ValidateBy({
    name: 'isAccountUsername',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.length >= min && value.length <= max && pattern.test(value),
      defaultMessage: () =>
        `ADMIN_USERNAME is required with ADMIN_PASSWORD, and must be ${min}–${max} of letters, digits, "_", "." and "-"`,
    },
  });
}

/** The password rules registration applies, in code points. */
function IsAccountPassword(): PropertyDecorator {
  const { min, max } = Limits.password;
  return ValidateBy({
    name: 'isAccountPassword',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && [...value].length >= min && [...value].length <= max,
      defaultMessage: () =>
        `ADMIN_PASSWORD is required with ADMIN_USERNAME, and must be ${min}–${max} characters`,
    },
  });
}

/** Settings of the identity domain (users, sessions, keys), shared by the auth app and the standalone app. */
export class IdentityEnv extends TokenVerificationEnv {
  /** Refresh token (session) lifetime in seconds, renewed on every refresh. @default 2592000 (30 days) */
  @ToInt() @IsInt() @Min(60) REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /**
   * For this long after a refresh, the token it spent answers with the same successor instead of counting
   * as reuse (two tabs, a lost answer). 0 turns the grace off. @default 30
   */
  @ToInt() @IsInt() @Min(0) @Max(300) REFRESH_GRACE_SECONDS = 30;

  /** PEM (PKCS#8) RSA private key that signs access tokens. Required in production; generated in DATA_DIR otherwise. */
  @ValidateIf((env: IdentityEnv) => env.NODE_ENV === 'production' || env.AUTH_SIGNING_KEY !== undefined)
  @IsString({ message: 'AUTH_SIGNING_KEY is required in production' })
  AUTH_SIGNING_KEY?: string;

  /** PEM public keys of retired signing keys, concatenated; published in the JWKS until their tokens expire. */
  @IsOptional() @IsString() AUTH_RETIRED_PUBLIC_KEYS?: string;

  /** Folder for generated keys (dev and standalone) and the embedded store. */
  @IsString() DATA_DIR = './data';

  /**
   * The first admin's username. At boot, when no user has this name, the account is created with the
   * admin role and ADMIN_PASSWORD; an existing account is never promoted (see docs/operations.md §Operators).
   */
  @ValidateIf(adminAccountSet) @IsAccountUsername() ADMIN_USERNAME?: string;

  /** The first admin's password, from a secret store (never the repository); used only to create the account. */
  @ValidateIf(adminAccountSet) @IsAccountPassword() ADMIN_PASSWORD?: string;

  /**
   * No longer honoured: it made whoever registered a listed name first an admin. Read only so that boot
   * can warn that it is ignored.
   */
  @IsOptional() @IsString() ADMIN_USERNAMES?: string;

  /** Registrations allowed per client address per minute. */
  @ToInt() @IsInt() @Min(1) RATE_LIMIT_REGISTER_PER_MINUTE = 20;

  /** Failed logins allowed per username and per client address within the window. */
  @ToInt() @IsInt() @Min(1) RATE_LIMIT_LOGIN_FAILURES = 10;

  /** The failed-login window in seconds. @default 900 */
  @ToInt() @IsInt() @Min(1) RATE_LIMIT_LOGIN_WINDOW_SECONDS = 900;

  /** argon2id memory cost in KiB; OWASP's minimum is 19456. */
  @ToInt() @IsInt() @Min(19456) ARGON2_MEMORY_KIB = 19456;

  /** argon2id iterations; OWASP's minimum with 19 MiB is 2. */
  @ToInt() @IsInt() @Min(2) ARGON2_TIME_COST = 2;

  /** Set to false to refuse new registrations. @default true */
  @ToBool() @IsBoolean() REGISTRATION_OPEN = true;
}
