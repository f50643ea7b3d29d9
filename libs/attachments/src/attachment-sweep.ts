import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RoomsRepository } from '@chat/rooms';
import { ATTACHMENTS_OPTIONS, type AttachmentsOptions } from './attachments.options';
import { BlobStore } from './blobs/blob-store';
import { blobKeys } from './records/attachment.mapper';
import type { AttachmentRecord } from './records/attachment.record';
import { AttachmentsRepository } from './records/attachments.repository';

const BATCH = 500;

/**
 * Removes the bytes nobody may fetch any more, every `sweepIntervalMs`: attachments of deleted messages,
 * uploads no message took within `unclaimedTtlMs`, and every file of a deleted room. The record goes
 * first (conditionally, so a send that claims an upload at that moment keeps it), then the bytes.
 */
@Injectable()
export class AttachmentSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttachmentSweep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly blobs: BlobStore,
    private readonly rooms: RoomsRepository,
    @Inject(ATTACHMENTS_OPTIONS) private readonly options: AttachmentsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; concurrent callers share it. @returns how many attachments were removed */
  sweep(): Promise<number> {
    this.running ??= this.pass()
      .catch((error: unknown) => {
        this.logger.warn(`attachment sweep failed: ${String(error)}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.unclaimedTtlMs);
    let removed = 0;
    for (const record of await this.repository.listSweepable(cutoff, BATCH))
      if (await this.repository.remove(record.id, cutoff)) removed += await this.removeBytes(record);
    const roomIds = await this.repository.roomIds(BATCH);
    const existing = new Set((await this.rooms.findByIds(roomIds)).map((room) => room.id));
    for (const roomId of roomIds.filter((id) => !existing.has(id)))
      for (const record of await this.repository.listByRoom(roomId, BATCH))
        if (await this.repository.remove(record.id)) removed += await this.removeBytes(record);
    return removed;
  }

  private async removeBytes(record: AttachmentRecord): Promise<number> {
    await this.blobs.remove(blobKeys.original(record));
    if (record.hasThumbnail) await this.blobs.remove(blobKeys.thumbnail(record));
    return 1;
  }
}
