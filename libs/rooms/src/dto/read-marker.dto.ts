import { IsInt, Max, Min } from 'class-validator';

export class ReadMarkerDto {
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) seq!: number;
}
