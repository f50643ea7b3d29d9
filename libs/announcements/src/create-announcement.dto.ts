import { IsISO8601, IsOptional } from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { TrimmedText } from '@chat/platform';

export class CreateAnnouncementDto {
  @TrimmedText(RoomLimits.announcement) text!: string;
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}
