import { IsOptional, IsString } from 'class-validator';
import { Limits } from '@chat/contracts';
import { CodePointLength, PlainText, TrimmedText } from '@chat/platform';

export class RegisterDto {
  @TrimmedText(Limits.username) username!: string;

  /** Taken exactly as given: never trimmed. */
  @IsString() @CodePointLength(Limits.password.min, Limits.password.max) password!: string;

  @IsOptional() @PlainText(Limits.displayName) displayName?: string;
}
