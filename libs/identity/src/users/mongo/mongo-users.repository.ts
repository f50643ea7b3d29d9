import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import type { GlobalRole } from '@chat/contracts';
import { escapeRegex, insertOnce, objectId, retryTransient, timeMs } from '@chat/platform/mongo';
import type { UserRecord } from '../user.record';
import { UsersRepository } from '../users.repository';
import { UserDocument } from './user.schema';

function toRecord(document: UserDocument): UserRecord {
  const { _id, ...rest } = document;
  return { ...rest, id: _id.toHexString(), createdAt: new Date(timeMs(rest.createdAt)) };
}

/**
 * Users on MongoDB. Every call retries transient store failures (see retryTransient); the insert
 * recognises its own earlier copy, so a retry never makes a second user.
 */
@Injectable()
export class MongoUsersRepository extends UsersRepository {
  constructor(@InjectModel(UserDocument.name) private readonly users: Model<UserDocument>) {
    super();
  }

  protected insert(record: UserRecord): Promise<boolean> {
    const { id, ...rest } = record;
    return insertOnce(
      'users.create',
      () => this.users.create({ ...rest, _id: objectId(id) }),
      () => this.isStored(record),
    );
  }

  protected async findByKey(id: string): Promise<UserRecord | null> {
    const found = await retryTransient('users.findById', () =>
      this.users.findById(objectId(id)).lean<UserDocument>().exec(),
    );
    return found ? toRecord(found) : null;
  }

  /** An anchored regex on the folded name, which the index can serve. */
  async searchByPrefix(prefixLower: string, limit: number): Promise<UserRecord[]> {
    const pattern = mongoose.trusted({ $regex: `^${escapeRegex(prefixLower)}` }) as unknown as string;
    const found = await retryTransient('users.searchByPrefix', () =>
      this.users
        .find({ usernameLower: pattern })
        .sort({ usernameLower: 1 })
        .limit(limit)
        .lean<UserDocument[]>()
        .exec(),
    );
    return found.map(toRecord);
  }

  async addRole(id: string, role: GlobalRole): Promise<void> {
    await retryTransient('users.addRole', () =>
      this.users.updateOne({ _id: objectId(id) }, { $addToSet: { roles: role } }).exec(),
    );
  }

  /**
   * Whether the user stored under this record's id is this very record: its password hash carries a
   * fresh random salt, so no other registration of the same name can have produced it.
   */
  private async isStored(record: UserRecord): Promise<boolean> {
    const stored = await this.users.findById(objectId(record.id)).lean<UserDocument>().exec();
    return stored?.passwordHash === record.passwordHash;
  }
}
