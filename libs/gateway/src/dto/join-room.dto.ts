import { IdField, OptionalField } from '@chat/platform/validation';
import { IsInt, Min } from 'class-validator';

export class JoinRoomDto {
  @IdField() roomId!: string;
  @OptionalField() @IsInt() @Min(0) sinceSeq?: number;
  @OptionalField() @IsInt() @Min(0) sinceRev?: number;
}
