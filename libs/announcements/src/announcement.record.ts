export interface AnnouncementRecord {
  id: string;
  text: string;
  authorId: string;
  createdAt: Date;
  expiresAt: Date | null;
}
