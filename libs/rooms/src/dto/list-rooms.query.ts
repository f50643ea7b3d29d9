import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { QueryInt, TrimmedText } from '@chat/platform';

export class ListRoomsQuery {
  @IsOptional() @IsIn(['joined', 'public']) scope: 'joined' | 'public' = 'joined';
  /** Name prefix, public scope only. */
  @IsOptional() @TrimmedText(RoomLimits.directoryQuery) q?: string;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.roomListLimit.max)
  limit: number = RoomLimits.roomListLimit.default;
}
