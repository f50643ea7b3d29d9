import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { Announcement } from '@chat/contracts';
import { isGlobalAdmin, type AuthUser } from '@chat/authn';
import { AppError, isoTime, timeMs } from '@chat/platform';
import { LiveEvents } from '@chat/realtime';
import { AnnouncementRecord } from './announcement.schema';
import type { CreateAnnouncementDto } from './create-announcement.dto';

/** How many recent announcements are scanned for the newest unexpired one (expiry is checked in code). */
const RECENT_SCAN = 50;

function toAnnouncement(record: AnnouncementRecord): Announcement {
  return {
    id: record._id.toHexString(),
    text: record.text,
    authorId: record.authorId,
    createdAt: isoTime(record.createdAt),
    expiresAt: record.expiresAt ? isoTime(record.expiresAt) : null,
  };
}

/** Owns `announcements`: global admins publish, every connected socket hears it. */
@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectModel(AnnouncementRecord.name) private readonly announcements: Model<AnnouncementRecord>,
    private readonly live: LiveEvents,
  ) {}

  async publish(me: AuthUser, dto: CreateAnnouncementDto): Promise<Announcement> {
    if (!isGlobalAdmin(me)) throw AppError.forbidden('Only an admin may publish announcements');
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw AppError.validation('expiresAt must be in the future');
    const record: AnnouncementRecord = {
      _id: new Types.ObjectId(),
      text: dto.text,
      authorId: me.userId,
      createdAt: new Date(),
      expiresAt,
    };
    await this.announcements.create(record);
    const announcement = toAnnouncement(record);
    this.live.toEveryone('announcement', announcement);
    return announcement;
  }

  /** The newest announcement not yet expired, or null. */
  async current(): Promise<Announcement | null> {
    const recent = await this.announcements
      .find()
      .sort({ _id: -1 })
      .limit(RECENT_SCAN)
      .lean<AnnouncementRecord[]>()
      .exec();
    const now = Date.now();
    const live = recent.find((record) => !record.expiresAt || timeMs(record.expiresAt) > now);
    return live ? toAnnouncement(live) : null;
  }
}
