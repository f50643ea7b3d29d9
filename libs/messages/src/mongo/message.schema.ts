import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import mongoose, { type Types } from 'mongoose';
import type { Attachment } from '@chat/contracts';
import type { ReactionPair } from '../message.record';

/**
 * `_id` derives from `senderId:clientMsgId`, so a message cannot be stored twice even on a store that
 * enforces no secondary unique index. Both secondary unique indexes stay for real MongoDB.
 */
@Schema({ collection: 'messages', versionKey: false })
export class MessageDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) roomId!: string;
  @Prop({ required: true }) seq!: number;
  @Prop({ required: true }) rev!: number;
  @Prop({ required: true }) senderId!: string;
  @Prop({ required: true }) clientMsgId!: string;
  @Prop({ required: true }) body!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) editedAt!: Date | null;
  @Prop({ default: false }) deleted!: boolean;
  @Prop({ type: [{ emoji: String, userId: String, _id: false }], default: [] }) reactions!: ReactionPair[];
  /** Snapshots of the files sent with the message (the attachments library owns the files themselves). */
  @Prop({ type: [mongoose.Schema.Types.Mixed], default: [] }) attachments!: Attachment[];
  /** Member ids named in the body, resolved when stored. */
  @Prop({ type: [String], default: [] }) mentions!: string[];
  /** The notification queue's mark: due time (pushed forward by a lease); unset once settled. */
  @Prop({ type: Date }) notifyAt?: Date;
  /** Which worker's lease holds the mark. */
  @Prop({ type: String }) notifyLease?: string;
}

export const MessageSchema = SchemaFactory.createForClass(MessageDocument);
// History pages by seq within a room; seqs are unique per room.
MessageSchema.index({ roomId: 1, seq: 1 }, { unique: true });
// Changes after a rev (PROTOCOL.md 1.1): every message's current rev is distinct within its room.
MessageSchema.index({ roomId: 1, rev: 1 });
// Idempotency backstop on real MongoDB (the derived _id already enforces it everywhere).
MessageSchema.index({ senderId: 1, clientMsgId: 1 }, { unique: true });
// Search within a room (real MongoDB; the embedded test store falls back to a scan).
MessageSchema.index({ body: 'text' });
// The notification queue: only marked messages are in it.
MessageSchema.index({ notifyAt: 1 }, { partialFilterExpression: { notifyAt: { $exists: true } } });
