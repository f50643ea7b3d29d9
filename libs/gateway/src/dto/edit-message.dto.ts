import { RoomLimits } from '@chat/contracts';
import { IdField, TrimmedText } from '@chat/platform/validation';

export class EditMessageDto {
  @IdField() roomId!: string;
  @IdField() messageId!: string;
  @TrimmedText(RoomLimits.body) body!: string;
}
