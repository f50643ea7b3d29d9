import { Injectable } from '@nestjs/common';
import type { Announcement } from '@chat/contracts';
import { isGlobalAdmin, type AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import { newId } from '@chat/platform/ids';
import { isoTime } from '@chat/platform/mongo';
import { LiveEvents } from '@chat/realtime';
import type { AnnouncementRecord } from './announcement.record';
import { AnnouncementsRepository } from './announcements.repository';
import type { CreateAnnouncementDto } from './create-announcement.dto';

/** How many recent announcements are scanned for the newest unexpired one (expiry is checked in code). */
const RECENT_SCAN = 50;

function toAnnouncement(record: AnnouncementRecord): Announcement {
  return {
    id: record.id,
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
    private readonly announcements: AnnouncementsRepository,
    private readonly live: LiveEvents,
  ) {}

  async publish(me: AuthUser, dto: CreateAnnouncementDto): Promise<Announcement> {
    if (!isGlobalAdmin(me)) throw AppError.forbidden('Only an admin may publish announcements');
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && !Number.isFinite(expiresAt.getTime())) throw AppError.validation('expiresAt is no date');
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw AppError.validation('expiresAt must be in the future');
    const record: AnnouncementRecord = {
      id: newId(),
      text: dto.text,
      authorId: me.userId,
      createdAt: new Date(),
      expiresAt,
    };
    await this.announcements.insert(record);
    const announcement = toAnnouncement(record);
    this.live.toEveryone('announcement', announcement);
    return announcement;
  }

  /** The newest announcement not yet expired, or null. */
  async current(): Promise<Announcement | null> {
    const recent = await this.announcements.recent(RECENT_SCAN);
    const now = Date.now();
    const live = recent.find((record) => !record.expiresAt || record.expiresAt.getTime() > now);
    return live ? toAnnouncement(live) : null;
  }
}
