import { IsIn } from 'class-validator';
import { NOTIFICATION_LEVELS, type NotificationLevel } from '@chat/contracts';

export class NotificationLevelDto {
  @IsIn(NOTIFICATION_LEVELS, { message: `level must be one of: ${NOTIFICATION_LEVELS.join(', ')}` })
  level!: NotificationLevel;
}
