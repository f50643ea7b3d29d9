import { IsIn, IsOptional } from 'class-validator';
import { RoomLimits, type RoomVisibility } from '@chat/contracts';
import { TrimmedText } from '@chat/platform';

export class CreateRoomDto {
  @TrimmedText(RoomLimits.name) name!: string;
  @IsIn(['public', 'private']) visibility!: RoomVisibility;
  @IsOptional() @TrimmedText(RoomLimits.topic) topic?: string;
}
