import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RoomLimits, type RoomVisibility } from '@chat/contracts';
import { TrimmedText } from '@chat/platform';

export class UpdateRoomDto {
  @IsOptional() @TrimmedText(RoomLimits.name) name?: string;
  @IsOptional() @TrimmedText(RoomLimits.topic) topic?: string;
  @IsOptional() @IsIn(['public', 'private']) visibility?: RoomVisibility;
  /** Hands the room over; only the owner may, and only to a member. */
  @IsOptional() @IsString() @MaxLength(64) ownerId?: string;
}
