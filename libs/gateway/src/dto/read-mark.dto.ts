import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

export class ReadMarkDto {
  @IsString() @MaxLength(64) roomId!: string;
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) seq!: number;
}
