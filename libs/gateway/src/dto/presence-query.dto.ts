import { IdField } from '@chat/platform/validation';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { SocketLimits } from '@chat/contracts';

export class PresenceQueryDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SocketLimits.presenceBatch)
  @IdField({ each: true })
  userIds!: string[];
}
