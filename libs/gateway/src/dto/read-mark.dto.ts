import { IdField } from '@chat/platform/validation';
import { IsInt, Max, Min } from 'class-validator';

export class ReadMarkDto {
  @IdField() roomId!: string;
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) seq!: number;
}
