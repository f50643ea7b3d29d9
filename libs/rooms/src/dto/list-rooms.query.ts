import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { OptionalField, QueryInt, TrimmedText } from '@chat/platform/validation';

export class ListRoomsQuery {
  @OptionalField() @IsIn(['joined', 'public']) scope: 'joined' | 'public' = 'joined';
  /** Name prefix, public scope only. */
  @OptionalField() @TrimmedText(RoomLimits.directoryQuery) q?: string;
  @OptionalField() @IsString() @MaxLength(200) cursor?: string;
  @OptionalField()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.roomListLimit.max)
  limit: number = RoomLimits.roomListLimit.default;
}
