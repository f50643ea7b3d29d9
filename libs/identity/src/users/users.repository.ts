import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { isValidObjectId, Model, Types } from 'mongoose';
import type { GlobalRole } from '@chat/contracts';
import { AppError } from '@chat/platform';
import { UserRecord } from './user.schema';
import { foldUsername, userIdForUsername } from './username-key';

const DUPLICATE_KEY = 11000;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** The only writer of the `users` collection. */
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
    try {
      await this.users.create(record);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw AppError.conflict('Username is taken');
      throw error;
    }
    return record;
  }

  exists(username: string): Promise<boolean> {
    return this.users.exists({ _id: userIdForUsername(username) }).then((found) => found !== null);
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.users.findById(userIdForUsername(username)).lean<UserRecord>().exec();
  }

  findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id) || !Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.users.findById(new Types.ObjectId(id)).lean<UserRecord>().exec();
  }

  /** Prefix search on the folded name, which an anchored regex can serve from the index. */
  searchByPrefix(prefix: string, limit: number): Promise<UserRecord[]> {
    const pattern = mongoose.trusted({
      $regex: `^${escapeRegex(foldUsername(prefix))}`,
    }) as unknown as string;
    return this.users
      .find({ usernameLower: pattern })
      .sort({ usernameLower: 1 })
      .limit(limit)
      .lean<UserRecord[]>()
      .exec();
  }

  async addRole(id: Types.ObjectId, role: GlobalRole): Promise<void> {
    await this.users.updateOne({ _id: id }, { $addToSet: { roles: role } }).exec();
  }
}
