import { IsString, MaxLength } from 'class-validator';

export class OpenDirectDto {
  @IsString() @MaxLength(64) userId!: string;
}
