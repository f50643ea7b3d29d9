import { IsString, MaxLength } from 'class-validator';

export class MemberParams {
  @IsString() @MaxLength(64) id!: string;
  @IsString() @MaxLength(64) userId!: string;
}
