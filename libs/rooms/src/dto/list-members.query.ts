import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { QueryInt } from '@chat/platform';

export class ListMembersQuery {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.memberListLimit.max)
  limit: number = RoomLimits.memberListLimit.default;
}
