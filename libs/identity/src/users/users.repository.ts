import type { GlobalRole } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import type { UserRecord } from './user.record';
import { foldUsername, userIdForUsername } from './username-key';

export type NewUser = Omit<UserRecord, 'id' | 'usernameLower' | 'createdAt'>;

/**
 * The port of the `users` collection (or table): identity is its only writer. Adapters: MongoDB
 * (mongo/) and SQLite (sqlite/). What derives the key from the name lives here, once, for both.
 */
export abstract class UsersRepository {
  /** @returns false when the key (the folded name) is taken by another registration */
  protected abstract insert(record: UserRecord): Promise<boolean>;
  protected abstract findByKey(id: string): Promise<UserRecord | null>;
  /** Folded names that start with `prefixLower`, in name order. */
  abstract searchByPrefix(prefixLower: string, limit: number): Promise<UserRecord[]>;
  abstract addRole(id: string, role: GlobalRole): Promise<void>;

  async create(input: NewUser): Promise<UserRecord> {
    const record: UserRecord = {
      ...input,
      id: userIdForUsername(input.username),
      usernameLower: foldUsername(input.username),
      createdAt: new Date(),
    };
    if (!(await this.insert(record))) throw AppError.conflict('Username is taken');
    return record;
  }

  async exists(username: string): Promise<boolean> {
    return (await this.findByUsername(username)) !== null;
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.findByKey(userIdForUsername(username));
  }

  findById(id: string): Promise<UserRecord | null> {
    const key = parseId(id);
    return key ? this.findByKey(key) : Promise.resolve(null);
  }
}
