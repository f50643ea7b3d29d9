import { IsInt, Max, Min } from 'class-validator';
import { Limits } from '@chat/contracts';
import { OptionalField, QueryInt, TrimmedText } from '@chat/platform/validation';

export class SearchUsersQuery {
  @TrimmedText(Limits.userSearchQuery) q!: string;

  @OptionalField()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(Limits.userSearchLimit.max)
  limit: number = Limits.userSearchLimit.default;
}
