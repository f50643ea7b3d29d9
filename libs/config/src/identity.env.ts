import { IsBoolean, IsInt, IsOptional, IsString, Min, ValidateIf } from 'class-validator';
import { ToBool, ToInt, ToList } from './env.transforms';
import { TokenVerificationEnv } from './token-verification.env';

/** Settings of the identity domain (users, sessions, keys), shared by the auth app and the standalone app. */
export class IdentityEnv extends TokenVerificationEnv {
  /** Refresh token (session) lifetime in seconds, renewed on every refresh. @default 2592000 (30 days) */
  @ToInt() @IsInt() @Min(60) REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** PEM (PKCS#8) RSA private key that signs access tokens. Required in production; generated in DATA_DIR otherwise. */
  @ValidateIf((env: IdentityEnv) => env.NODE_ENV === 'production' || env.AUTH_SIGNING_KEY !== undefined)
  @IsString({ message: 'AUTH_SIGNING_KEY is required in production' })
  AUTH_SIGNING_KEY?: string;

  /** PEM public keys of retired signing keys, concatenated; published in the JWKS until their tokens expire. */
  @IsOptional() @IsString() AUTH_RETIRED_PUBLIC_KEYS?: string;

  /** Folder for generated keys (dev and standalone) and the embedded store. */
  @IsString() DATA_DIR = './data';

  /** Usernames that receive the global `admin` role when they register or log in. */
  @ToList() @IsString({ each: true }) ADMIN_USERNAMES: string[] = [];

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
