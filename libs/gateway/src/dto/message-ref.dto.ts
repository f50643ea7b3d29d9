import { IsString, MaxLength } from 'class-validator';

export class MessageRefDto {
  @IsString() @MaxLength(64) roomId!: string;
  @IsString() @MaxLength(64) messageId!: string;
}
