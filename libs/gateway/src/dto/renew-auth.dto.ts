import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RenewAuthDto {
  /** The handshake's bound on a token's size. */
  @IsString() @IsNotEmpty() @MaxLength(8192) token!: string;
}
