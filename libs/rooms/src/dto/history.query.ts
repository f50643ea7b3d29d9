import { IsInt, Max, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { OptionalField, QueryInt } from '@chat/platform/validation';

/** `beforeSeq`, `afterSeq` and `afterRev` exclude each other; RoomHistory answers two with 400. */
export class HistoryQuery {
  @OptionalField() @QueryInt() @IsInt() @Min(1) beforeSeq?: number;
  @OptionalField() @QueryInt() @IsInt() @Min(0) afterSeq?: number;
  @OptionalField() @QueryInt() @IsInt() @Min(0) afterRev?: number;
  @OptionalField()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.historyLimit.max)
  limit: number = RoomLimits.historyLimit.default;
}
