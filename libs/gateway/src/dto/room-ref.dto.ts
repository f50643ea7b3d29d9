import { IsString, MaxLength } from 'class-validator';

export class RoomRefDto {
  @IsString() @MaxLength(64) roomId!: string;
}
