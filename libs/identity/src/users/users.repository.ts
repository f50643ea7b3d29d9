import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { isValidObjectId, Model, Types } from 'mongoose';
import type { GlobalRole } from '@chat/contracts';
import { AppError, insertOnce, retryTransient } from '@chat/platform';
import { UserRecord } from './user.schema';
import { foldUsername, userIdForUsername } from './username-key';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/**
 * The only writer of the `users` collection. Every call retries transient store failures (see
 * retryTransient); the insert recognises its own earlier copy, so a retry never makes a second user.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectModel(UserRecord.name) private readonly users: Model<UserRecord>) {}

  async create(input: Omit<UserRecord, '_id' | 'usernameLower' | 'createdAt'>): Promise<UserRecord> {
    const record: UserRecord = {
      ...input,
      _id: userIdForUsername(input.username),
      usernameLower: foldUsername(input.username),
      createdAt: new Date(),
    };
    const stored = await insertOnce(
      'users.create',
      () => this.users.create(record),
      () => this.isStored(record),
    );
    if (!stored) throw AppError.conflict('Username is taken');
    return record;
  }

  exists(username: string): Promise<boolean> {
    return retryTransient('users.exists', () =>
      this.users.exists({ _id: userIdForUsername(username) }).then((found) => found !== null),
    );
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return retryTransient('users.findByUsername', () =>
      this.users.findById(userIdForUsername(username)).lean<UserRecord>().exec(),
    );
  }

  findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id) || !Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return retryTransient('users.findById', () =>
      this.users.findById(new Types.ObjectId(id)).lean<UserRecord>().exec(),
    );
  }

  /** Prefix search on the folded name, which an anchored regex can serve from the index. */
  searchByPrefix(prefix: string, limit: number): Promise<UserRecord[]> {
    const pattern = mongoose.trusted({
      $regex: `^${escapeRegex(foldUsername(prefix))}`,
    }) as unknown as string;
    return retryTransient('users.searchByPrefix', () =>
      this.users
        .find({ usernameLower: pattern })
        .sort({ usernameLower: 1 })
        .limit(limit)
        .lean<UserRecord[]>()
        .exec(),
    );
  }

  async addRole(id: Types.ObjectId, role: GlobalRole): Promise<void> {
    await retryTransient('users.addRole', () =>
      this.users.updateOne({ _id: id }, { $addToSet: { roles: role } }).exec(),
    );
  }

  /**
   * Whether the user stored under this record's `_id` is this very record: its password hash carries a
   * fresh random salt, so no other registration of the same name can have produced it.
   */
  private async isStored(record: UserRecord): Promise<boolean> {
    const stored = await this.users.findById(record._id).lean<UserRecord>().exec();
    return stored?.passwordHash === record.passwordHash;
  }
}
