import type { User } from '@chat/contracts';
import { isoTime } from '@chat/platform/mongo';
import type { UserRecord } from './user.record';

export function toUser(record: UserRecord): User {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    createdAt: isoTime(record.createdAt),
  };
}
