import { IdField } from '@chat/platform/validation';

export class RoomRefDto {
  @IdField() roomId!: string;
}
