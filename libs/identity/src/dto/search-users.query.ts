import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Limits } from '@chat/contracts';
import { QueryInt, TrimmedText } from '@chat/platform';

export class SearchUsersQuery {
  @TrimmedText(Limits.userSearchQuery) q!: string;

  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(Limits.userSearchLimit.max)
  limit: number = Limits.userSearchLimit.default;
}
