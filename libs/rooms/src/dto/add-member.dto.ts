import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class AddMemberDto {
  @IsString() @MaxLength(64) userId!: string;
  @IsOptional() @IsIn(['admin', 'member']) role?: 'admin' | 'member';
}
