import { IsString, MaxLength } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { TrimmedText } from '@chat/platform';

export class ReactionDto {
  @IsString() @MaxLength(64) roomId!: string;
  @IsString() @MaxLength(64) messageId!: string;
  @TrimmedText(RoomLimits.emoji) emoji!: string;
}
