import { IdField } from '@chat/platform/validation';

export class OpenDirectDto {
  @IdField() userId!: string;
}
