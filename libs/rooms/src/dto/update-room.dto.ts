import { IsIn, IsOptional } from 'class-validator';
import { RoomLimits, type RoomVisibility } from '@chat/contracts';
import { IdField, PlainText } from '@chat/platform';

export class UpdateRoomDto {
  @IsOptional() @PlainText(RoomLimits.name) name?: string;
  @IsOptional() @PlainText(RoomLimits.topic) topic?: string;
  @IsOptional() @IsIn(['public', 'private']) visibility?: RoomVisibility;
  /** Hands the room over; only the owner may, and only to a member. */
  @IsOptional() @IdField() ownerId?: string;
}
