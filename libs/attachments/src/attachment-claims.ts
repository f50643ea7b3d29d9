import { Injectable } from '@nestjs/common';
import { RoomLimits, type Attachment } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import { toAttachment } from './records/attachment.mapper';
import type { AttachmentClaim } from './records/attachment.record';
import { AttachmentsRepository } from './records/attachments.repository';

/** What a send took: the snapshots for the message, and which ones this very send claimed. */
export interface ClaimedAttachments {
  attachments: Attachment[];
  taken: string[];
}

/**
 * The send side: a message may carry attachments its sender uploaded to the same room that no other
 * message holds. Claiming is per attachment and atomic; a send that fails halfway gives back what it took.
 * The claim names the message id (derived from the clientMsgId), so a retried send claims again harmlessly.
 */
@Injectable()
export class AttachmentClaims {
  constructor(private readonly repository: AttachmentsRepository) {}

  async claim(ids: string[], claim: AttachmentClaim): Promise<ClaimedAttachments> {
    if (ids.length > RoomLimits.attachmentsPerMessage)
      throw AppError.validation(`A message carries at most ${RoomLimits.attachmentsPerMessage} attachments`);
    const parsed = ids.map((id) => parseId(id));
    if (new Set(parsed).size !== parsed.length) throw AppError.validation('attachmentIds must be different');
    const taken: string[] = [];
    try {
      const attachments: Attachment[] = [];
      for (const id of parsed) {
        const result = id ? await this.repository.claim(id, claim) : null;
        if (!result) throw await this.refusal(id, claim);
        if (result.took) taken.push(result.record.id);
        attachments.push(toAttachment(result.record));
      }
      return { attachments, taken };
    } catch (error) {
      await this.release(taken, claim.messageId);
      throw error;
    }
  }

  /** Gives back attachments a send took, when its message was not stored (or was a repeat). */
  async release(ids: string[], messageId: string): Promise<void> {
    await Promise.all(ids.map((id) => this.repository.release(id, messageId))).catch(() => undefined);
  }

  /** The message was deleted: its files are no longer served, and the sweep removes their bytes. */
  messageDeleted(messageId: string): Promise<void> {
    return this.repository.markDeleted(messageId);
  }

  private async refusal(id: string | null, claim: AttachmentClaim): Promise<AppError> {
    const record = id ? await this.repository.findById(id) : null;
    if (!record || record.deleted) return AppError.notFound('Attachment');
    if (record.roomId !== claim.roomId || record.uploaderId !== claim.uploaderId)
      return AppError.forbidden('Only attachments you uploaded to this room may be sent in it');
    return AppError.conflict('This attachment belongs to another message');
  }
}
