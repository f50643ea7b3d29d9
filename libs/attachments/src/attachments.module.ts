import { DynamicModule, Module } from '@nestjs/common';
import { RoomsModule } from '@chat/rooms';
import { AttachmentClaims } from './attachment-claims';
import { AttachmentMetrics } from './attachment-metrics';
import { AttachmentSweep } from './attachment-sweep';
import { ATTACHMENTS_OPTIONS, type AttachmentsOptions } from './attachments.options';
import { BlobStore } from './blobs/blob-store';
import { FsBlobStore } from './blobs/fs-blob-store';
import { S3BlobStore } from './blobs/s3-blob-store';
import { AttachmentDownloads } from './download/attachment-downloads';
import { AttachmentLinks } from './download/attachment-links';
import { AttachmentsController } from './http/attachments.controller';
import { AcceptEveryFile, AttachmentScanner, CommandScanner } from './upload/attachment-scanner';
import { AttachmentUploads } from './upload/attachment-uploads';
import { UploadRateLimit } from './upload/upload-rate-limit';

/**
 * Uploads, downloads and the sweep, over the records adapter (AttachmentsStorageModule) and the blob
 * store the options name: the rooms service and the standalone server.
 */
@Module({})
export class AttachmentsModule {
  static forRoot(options: AttachmentsOptions): DynamicModule {
    const { store, scanCommand } = options;
    return {
      module: AttachmentsModule,
      imports: [RoomsModule],
      controllers: [AttachmentsController],
      providers: [
        { provide: ATTACHMENTS_OPTIONS, useValue: options },
        {
          provide: BlobStore,
          useFactory: () => (store.kind === 's3' ? new S3BlobStore(store) : new FsBlobStore(store.dir)),
        },
        {
          provide: AttachmentScanner,
          useFactory: () => (scanCommand ? new CommandScanner(scanCommand) : new AcceptEveryFile()),
        },
        AttachmentUploads,
        UploadRateLimit,
        AttachmentDownloads,
        AttachmentLinks,
        AttachmentSweep,
        AttachmentMetrics,
      ],
    };
  }
}

/** What the gateway needs: claiming attachments on a send, and retiring them with a deleted message. */
@Module({ providers: [AttachmentClaims], exports: [AttachmentClaims] })
export class AttachmentClaimsModule {}
