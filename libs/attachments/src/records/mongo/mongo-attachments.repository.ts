import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import { insertOnce, objectId, retryTransient, timeMs } from '@chat/platform/mongo';
import type { AttachmentClaim, AttachmentRecord } from '../attachment.record';
import { AttachmentsRepository } from '../attachments.repository';
import { AttachmentDocument } from './attachment.schema';

function toRecord({ _id, ...rest }: AttachmentDocument): AttachmentRecord {
  return { ...rest, id: _id.toHexString(), createdAt: new Date(timeMs(rest.createdAt)) };
}

/** Attachments on MongoDB. Each change is one atomic single-document update, retried on a store blip. */
@Injectable()
export class MongoAttachmentsRepository extends AttachmentsRepository {
  constructor(@InjectModel(AttachmentDocument.name) private readonly attachments: Model<AttachmentDocument>) {
    super();
  }

  async insert(record: AttachmentRecord): Promise<void> {
    const { id, ...rest } = record;
    await insertOnce(
      'attachments.insert',
      () => this.attachments.create({ ...rest, _id: objectId(id) }),
      () => Promise.resolve(true),
    );
  }

  async findById(id: string): Promise<AttachmentRecord | null> {
    const found = await retryTransient('attachments.findById', () =>
      this.attachments.findById(objectId(id)).lean<AttachmentDocument>().exec(),
    );
    return found ? toRecord(found) : null;
  }

  async claim(
    id: string,
    claim: AttachmentClaim,
  ): Promise<{ record: AttachmentRecord; took: boolean } | null> {
    const before = await retryTransient('attachments.claim', () =>
      this.attachments
        .findOneAndUpdate(
          {
            _id: objectId(id),
            roomId: claim.roomId,
            uploaderId: claim.uploaderId,
            deleted: false,
            messageId: mongoose.trusted({ $in: [null, claim.messageId] }),
          },
          { $set: { messageId: claim.messageId } },
          { returnDocument: 'before' },
        )
        .lean<AttachmentDocument>()
        .exec(),
    );
    if (!before) return null;
    return { record: { ...toRecord(before), messageId: claim.messageId }, took: before.messageId === null };
  }

  async release(id: string, messageId: string): Promise<void> {
    await retryTransient('attachments.release', () =>
      this.attachments.updateOne({ _id: objectId(id), messageId }, { $set: { messageId: null } }).exec(),
    );
  }

  async markDeleted(messageId: string): Promise<void> {
    await retryTransient('attachments.markDeleted', () =>
      this.attachments.updateMany({ messageId }, { $set: { deleted: true } }).exec(),
    );
  }

  async listSweepable(unclaimedBefore: Date, limit: number): Promise<AttachmentRecord[]> {
    const found = await retryTransient('attachments.listSweepable', () =>
      this.attachments
        .find(
          mongoose.trusted({
            $or: [
              { deleted: true },
              { messageId: null, createdAt: mongoose.trusted({ $lt: unclaimedBefore }) },
            ],
          }),
        )
        .limit(limit)
        .lean<AttachmentDocument[]>()
        .exec(),
    );
    return found.map(toRecord);
  }

  async roomIds(limit: number): Promise<string[]> {
    const ids = await retryTransient('attachments.roomIds', () => this.attachments.distinct('roomId').exec());
    return ids.slice(0, limit);
  }

  async listByRoom(roomId: string, limit: number): Promise<AttachmentRecord[]> {
    const found = await retryTransient('attachments.listByRoom', () =>
      this.attachments.find({ roomId }).limit(limit).lean<AttachmentDocument[]>().exec(),
    );
    return found.map(toRecord);
  }

  async remove(id: string, unclaimedBefore?: Date): Promise<boolean> {
    const sweepable = unclaimedBefore
      ? mongoose.trusted({
          $or: [
            { deleted: true },
            { messageId: null, createdAt: mongoose.trusted({ $lt: unclaimedBefore }) },
          ],
        })
      : {};
    const result = await retryTransient('attachments.remove', () =>
      this.attachments.deleteOne({ _id: objectId(id), ...sweepable }).exec(),
    );
    return result.deletedCount > 0;
  }
}
