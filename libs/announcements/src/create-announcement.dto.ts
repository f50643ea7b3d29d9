import { RoomLimits } from '@chat/contracts';
import { InstantField, OptionalField, TrimmedText } from '@chat/platform/validation';

export class CreateAnnouncementDto {
  @TrimmedText(RoomLimits.announcement) text!: string;
  @OptionalField() @InstantField() expiresAt?: string;
}
