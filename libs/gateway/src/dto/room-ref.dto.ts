import { IdField } from '@chat/platform';

export class RoomRefDto {
  @IdField() roomId!: string;
}
