import { IsIn } from 'class-validator';
import { RoomLimits, type RoomVisibility } from '@chat/contracts';
import { OptionalField, PlainText } from '@chat/platform/validation';

export class CreateRoomDto {
  @PlainText(RoomLimits.name) name!: string;
  @IsIn(['public', 'private']) visibility!: RoomVisibility;
  @OptionalField() @PlainText(RoomLimits.topic) topic?: string;
}
