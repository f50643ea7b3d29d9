import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

@Schema({ collection: 'attachments', versionKey: false })
export class AttachmentDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) roomId!: string;
  @Prop({ required: true }) uploaderId!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true }) contentType!: string;
  @Prop({ required: true }) size!: number;
  @Prop({ type: Number, default: null }) width!: number | null;
  @Prop({ type: Number, default: null }) height!: number | null;
  @Prop({ default: false }) hasThumbnail!: boolean;
  @Prop({ type: String, default: null }) messageId!: string | null;
  @Prop({ default: false }) deleted!: boolean;
  @Prop({ required: true }) createdAt!: Date;
}

export const AttachmentSchema = SchemaFactory.createForClass(AttachmentDocument);
// A deleted message's files; the sweep's unclaimed ones.
AttachmentSchema.index({ messageId: 1 });
AttachmentSchema.index({ messageId: 1, createdAt: 1 });
AttachmentSchema.index({ roomId: 1 });
