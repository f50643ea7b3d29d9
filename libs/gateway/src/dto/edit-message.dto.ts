import { IsString, MaxLength } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { TrimmedText } from '@chat/platform';

export class EditMessageDto {
  @IsString() @MaxLength(64) roomId!: string;
  @IsString() @MaxLength(64) messageId!: string;
  @TrimmedText(RoomLimits.body) body!: string;
}
