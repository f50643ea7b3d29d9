import { IdField, OptionalField } from '@chat/platform/validation';
import { IsIn } from 'class-validator';

export class AddMemberDto {
  @IdField() userId!: string;
  @OptionalField() @IsIn(['admin', 'member']) role?: 'admin' | 'member';
}
