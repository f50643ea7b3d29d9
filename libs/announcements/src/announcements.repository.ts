import type { AnnouncementRecord } from './announcement.record';

/** The port of the `announcements` collection (or table); this library is its only writer. */
export abstract class AnnouncementsRepository {
  abstract insert(record: AnnouncementRecord): Promise<void>;
  /** The newest `limit` announcements, newest first, expired ones included. */
  abstract recent(limit: number): Promise<AnnouncementRecord[]>;
}
