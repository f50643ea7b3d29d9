import type { Attachment } from '@chat/contracts';
import type { AttachmentRecord } from './attachment.record';

export function toAttachment(record: AttachmentRecord): Attachment {
  return {
    id: record.id,
    roomId: record.roomId,
    name: record.name,
    contentType: record.contentType,
    size: record.size,
    ...(record.width !== null && record.height !== null
      ? { width: record.width, height: record.height }
      : {}),
    ...(record.hasThumbnail ? { thumbnail: `/api/attachments/${record.id}/thumbnail` } : {}),
  };
}

/** Where the bytes live: under the room, so that an operator can see (and remove) a room's files. */
export const blobKeys = {
  original: (record: Pick<AttachmentRecord, 'roomId' | 'id'>) => `rooms/${record.roomId}/${record.id}`,
  thumbnail: (record: Pick<AttachmentRecord, 'roomId' | 'id'>) =>
    `rooms/${record.roomId}/${record.id}-thumbnail`,
};
