import { IdField } from '@chat/platform';
import { IsIn, IsOptional } from 'class-validator';

export class AddMemberDto {
  @IdField() userId!: string;
  @IsOptional() @IsIn(['admin', 'member']) role?: 'admin' | 'member';
}
