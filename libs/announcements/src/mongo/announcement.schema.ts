import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

@Schema({ collection: 'announcements', versionKey: false })
export class AnnouncementDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) text!: string;
  @Prop({ required: true }) authorId!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) expiresAt!: Date | null;
}

export const AnnouncementSchema = SchemaFactory.createForClass(AnnouncementDocument);
