import { IsString, MaxLength, MinLength } from 'class-validator';
import { Limits } from '@chat/contracts';

/**
 * Only type and size are checked here: a username or password outside the registration rules simply
 * fails to log in, with the same 401 as any other wrong credential.
 */
export class LoginDto {
  @IsString() @MinLength(1) @MaxLength(Limits.username.max * 4) username!: string;
  @IsString() @MinLength(1) @MaxLength(Limits.password.max * 4) password!: string;
}
