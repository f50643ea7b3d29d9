import { IsInt, IsString, Max, Min } from 'class-validator';
import { CommonEnv } from './common.env';
import { ToInt } from './env.transforms';

/** Settings of every process that accepts access tokens. */
export class TokenVerificationEnv extends CommonEnv {
  /** `iss` claim that tokens carry and verifiers require. */
  @IsString() JWT_ISSUER = 'chat-auth';

  /** `aud` claim that tokens carry and verifiers require. */
  @IsString() JWT_AUDIENCE = 'chat';

  /** Access token lifetime in seconds; the contract caps it at 900. Also how long a revocation is kept. */
  @ToInt() @IsInt() @Min(30) @Max(900) ACCESS_TOKEN_TTL_SECONDS = 900;
}
