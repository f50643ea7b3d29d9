import { IsString, Matches } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { IdField, TrimmedText } from '@chat/platform';

export class SendMessageDto {
  @IdField() roomId!: string;
  @IsString()
  @Matches(RoomLimits.clientMsgId, { message: 'clientMsgId must be 8-64 of [A-Za-z0-9_-]' })
  clientMsgId!: string;
  @TrimmedText(RoomLimits.body) body!: string;
}
