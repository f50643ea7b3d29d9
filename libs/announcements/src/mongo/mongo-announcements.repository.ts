import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce, objectId, retryTransient, timeMs } from '@chat/platform/mongo';
import type { AnnouncementRecord } from '../announcement.record';
import { AnnouncementsRepository } from '../announcements.repository';
import { AnnouncementDocument } from './announcement.schema';

@Injectable()
export class MongoAnnouncementsRepository extends AnnouncementsRepository {
  constructor(
    @InjectModel(AnnouncementDocument.name) private readonly announcements: Model<AnnouncementDocument>,
  ) {
    super();
  }

  async insert(record: AnnouncementRecord): Promise<void> {
    const { id, ...rest } = record;
    // A fresh id: only an earlier attempt of this call can have taken it.
    await insertOnce(
      'announcements.insert',
      () => this.announcements.create({ ...rest, _id: objectId(id) }),
      () => Promise.resolve(true),
    );
  }

  async recent(limit: number): Promise<AnnouncementRecord[]> {
    const found = await retryTransient('announcements.recent', () =>
      this.announcements.find().sort({ _id: -1 }).limit(limit).lean<AnnouncementDocument[]>().exec(),
    );
    return found.map(({ _id, ...rest }) => ({
      ...rest,
      id: _id.toHexString(),
      createdAt: new Date(timeMs(rest.createdAt)),
      expiresAt: rest.expiresAt ? new Date(timeMs(rest.expiresAt)) : null,
    }));
  }
}
