import { IsInt, Max, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { OptionalField, QueryInt, TrimmedText } from '@chat/platform/validation';

export class SearchQuery {
  @TrimmedText(RoomLimits.searchQuery) q!: string;
  @OptionalField()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.searchLimit.max)
  limit: number = RoomLimits.searchLimit.default;
}
