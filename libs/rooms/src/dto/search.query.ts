import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { QueryInt, TrimmedText } from '@chat/platform';

export class SearchQuery {
  @TrimmedText(RoomLimits.searchQuery) q!: string;
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(RoomLimits.searchLimit.max)
  limit: number = RoomLimits.searchLimit.default;
}
