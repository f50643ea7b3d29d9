import { IsIn, IsOptional } from 'class-validator';
import { RoomLimits, type RoomVisibility } from '@chat/contracts';
import { PlainText } from '@chat/platform';

export class CreateRoomDto {
  @PlainText(RoomLimits.name) name!: string;
  @IsIn(['public', 'private']) visibility!: RoomVisibility;
  @IsOptional() @PlainText(RoomLimits.topic) topic?: string;
}
