import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { Attachment } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { newId } from '@chat/platform/ids';
import { AttachmentMetrics } from '../attachment-metrics';
import { ATTACHMENTS_OPTIONS, type AttachmentsOptions } from '../attachments.options';
import { BlobStore } from '../blobs/blob-store';
import { blobKeys, toAttachment } from '../records/attachment.mapper';
import type { AttachmentRecord } from '../records/attachment.record';
import { AttachmentsRepository } from '../records/attachments.repository';
import { AttachmentScanner } from './attachment-scanner';
import { cleanFileName } from './clean-name';
import { contentTypeOf, PREVIEW_TYPES } from './content-type';
import { readImageFacts, writePreview } from './image-facts';
import { assertDeclaredSize, spoolUpload } from './spool-upload';

/**
 * One upload, start to finish: refuse a declared size over the limit before reading anything, spool the
 * file part to disk, take its type from its bytes, measure and preview images (refusing bombs), let the
 * scanner decide, then store the bytes and the record. The spool is removed whatever happens.
 */
@Injectable()
export class AttachmentUploads {
  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly blobs: BlobStore,
    private readonly scanner: AttachmentScanner,
    private readonly metrics: AttachmentMetrics,
    @Inject(ATTACHMENTS_OPTIONS) private readonly options: AttachmentsOptions,
  ) {}

  /**
   * Throws PayloadTooLargeError when the request says up front that it is too large. The controller asks
   * first, before the membership check and the rate limit spend anything on a body it will refuse.
   */
  assertDeclaredSize(request: IncomingMessage): void {
    assertDeclaredSize(request, this.options.maxBytes);
  }

  async upload(uploaderId: string, roomId: string, request: IncomingMessage): Promise<Attachment> {
    const stopTimer = this.metrics.uploadDuration.startTimer();
    try {
      const attachment = await this.store(uploaderId, roomId, request);
      this.metrics.uploads.inc({ outcome: 'ok' });
      this.metrics.uploadedBytes.inc(attachment.size);
      return attachment;
    } catch (error) {
      this.metrics.uploads.inc({ outcome: error instanceof AppError ? error.code : 'INTERNAL' });
      throw error;
    } finally {
      stopTimer();
    }
  }

  private async store(uploaderId: string, roomId: string, request: IncomingMessage): Promise<Attachment> {
    const { maxBytes, maxPixels, spoolDir } = this.options;
    const spooled = await spoolUpload(request, spoolDir, maxBytes);
    const preview = `${spooled.path}-preview.webp`;
    try {
      if (spooled.size === 0) throw AppError.validation('The file is empty');
      const contentType = await contentTypeOf(spooled.head);
      const name = cleanFileName(spooled.filename);
      const facts = PREVIEW_TYPES.has(contentType) ? await readImageFacts(spooled.path, maxPixels) : null;
      const hasThumbnail = facts ? await writePreview(spooled.path, preview, maxPixels) : false;
      await this.scanner.scan({ path: spooled.path, name, contentType, size: spooled.size });
      const record: AttachmentRecord = {
        id: newId(),
        roomId,
        uploaderId,
        name,
        contentType,
        size: spooled.size,
        width: facts?.width ?? null,
        height: facts?.height ?? null,
        hasThumbnail,
        messageId: null,
        deleted: false,
        createdAt: new Date(),
      };
      if (hasThumbnail)
        await this.blobs.putFile(
          blobKeys.thumbnail(record),
          preview,
          'image/webp',
          (await stat(preview)).size,
        );
      await this.blobs.putFile(blobKeys.original(record), spooled.path, contentType, spooled.size);
      await this.repository.insert(record);
      return toAttachment(record);
    } finally {
      await Promise.all([rm(spooled.path, { force: true }), rm(preview, { force: true })]);
    }
  }
}
