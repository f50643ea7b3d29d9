import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { OptionalField, QueryInt } from '@chat/platform/validation';

export class ListMembersQuery {
  @OptionalField() @IsString() @MaxLength(200) cursor?: string;
  @OptionalField()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.memberListLimit.max)
  limit: number = RoomLimits.memberListLimit.default;
}
