import { IdField } from '@chat/platform';
import { IsInt, IsOptional, Min } from 'class-validator';

export class JoinRoomDto {
  @IdField() roomId!: string;
  @IsOptional() @IsInt() @Min(0) sinceSeq?: number;
}
