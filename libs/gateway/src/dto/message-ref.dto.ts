import { IdField } from '@chat/platform';

export class MessageRefDto {
  @IdField() roomId!: string;
  @IdField() messageId!: string;
}
