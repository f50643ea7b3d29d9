import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { SocketLimits } from '@chat/contracts';

export class PresenceQueryDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SocketLimits.presenceBatch)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  userIds!: string[];
}
