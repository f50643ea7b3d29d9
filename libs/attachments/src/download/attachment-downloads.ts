import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentUrl } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import { ATTACHMENTS_OPTIONS, type AttachmentsOptions } from '../attachments.options';
import { BlobStore, type ServedAs } from '../blobs/blob-store';
import { blobKeys } from '../records/attachment.mapper';
import type { AttachmentRecord } from '../records/attachment.record';
import { AttachmentsRepository } from '../records/attachments.repository';
import { AttachmentLinks, type Variant } from './attachment-links';
import { servedAs } from './served-as';

export type DownloadAnswer = { redirect: string } | { body: Readable; size: number; servedAs: ServedAs };

/** Finds what may be served, and answers it: the bytes, or a redirect to the store's signed URL. */
@Injectable()
export class AttachmentDownloads {
  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly blobs: BlobStore,
    private readonly links: AttachmentLinks,
    @Inject(ATTACHMENTS_OPTIONS) private readonly options: AttachmentsOptions,
  ) {}

  /** The record, unless it is unknown or its message was deleted (404 either way). */
  async servable(id: string, variant: Variant): Promise<AttachmentRecord> {
    const parsed = parseId(id);
    const record = parsed ? await this.repository.findById(parsed) : null;
    if (!record || record.deleted || (variant === 'thumbnail' && !record.hasThumbnail))
      throw AppError.notFound('Attachment');
    return record;
  }

  async answer(record: AttachmentRecord, variant: Variant): Promise<DownloadAnswer> {
    const served = servedAs(record, variant);
    const key = this.keyOf(record, variant);
    const redirect = await this.blobs.presignedUrl(key, served, this.options.linkTtlSeconds);
    if (redirect) return { redirect };
    return this.bytes(record, variant);
  }

  async bytes(record: AttachmentRecord, variant: Variant): Promise<DownloadAnswer> {
    const blob = await this.blobs.read(this.keyOf(record, variant));
    if (!blob) throw AppError.notFound('Attachment');
    return { ...blob, servedAs: servedAs(record, variant) };
  }

  /** A URL for `<img src>` or a download link: the store's presigned one, or the app's own signed link. */
  async link(record: AttachmentRecord, variant: Variant): Promise<AttachmentUrl> {
    const ttl = this.options.linkTtlSeconds;
    const presigned = await this.blobs.presignedUrl(
      this.keyOf(record, variant),
      servedAs(record, variant),
      ttl,
    );
    if (presigned) return { url: presigned, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
    const own = this.links.create(record.id, variant);
    return { url: own.path, expiresAt: own.expiresAt.toISOString() };
  }

  private keyOf(record: AttachmentRecord, variant: Variant): string {
    return variant === 'thumbnail' ? blobKeys.thumbnail(record) : blobKeys.original(record);
  }
}
