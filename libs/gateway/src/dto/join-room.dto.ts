import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class JoinRoomDto {
  @IsString() @MaxLength(64) roomId!: string;
  @IsOptional() @IsInt() @Min(0) sinceSeq?: number;
}
