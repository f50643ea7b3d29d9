import { IdField } from '@chat/platform/validation';

export class MessageRefDto {
  @IdField() roomId!: string;
  @IdField() messageId!: string;
}
