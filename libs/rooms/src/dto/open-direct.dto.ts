import { IdField } from '@chat/platform';

export class OpenDirectDto {
  @IdField() userId!: string;
}
