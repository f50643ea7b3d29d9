import { IsString } from 'class-validator';
import { Limits } from '@chat/contracts';
import { CodePointLength, OptionalField, PlainText, TrimmedText } from '@chat/platform/validation';

export class RegisterDto {
  @TrimmedText(Limits.username) username!: string;

  /** Taken exactly as given: never trimmed. */
  @IsString() @CodePointLength(Limits.password.min, Limits.password.max) password!: string;

  @OptionalField() @PlainText(Limits.displayName) displayName?: string;
}
