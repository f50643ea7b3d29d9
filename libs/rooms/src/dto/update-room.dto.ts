import { IsIn } from 'class-validator';
import { RoomLimits, type RoomVisibility } from '@chat/contracts';
import { IdField, OptionalField, PlainText } from '@chat/platform/validation';

export class UpdateRoomDto {
  @OptionalField() @PlainText(RoomLimits.name) name?: string;
  @OptionalField() @PlainText(RoomLimits.topic) topic?: string;
  @OptionalField() @IsIn(['public', 'private']) visibility?: RoomVisibility;
  /** Hands the room over; only the owner may, and only to a member. */
  @OptionalField() @IdField() ownerId?: string;
}
