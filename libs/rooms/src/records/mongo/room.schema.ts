import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';
import type { RoomKind, RoomVisibility } from '@chat/contracts';

@Schema({ collection: 'rooms', versionKey: false })
export class RoomDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ type: String, required: true }) kind!: RoomKind;
  @Prop({ type: String, default: null }) name!: string | null;
  @Prop({ type: String, default: null }) nameLower!: string | null;
  @Prop({ default: '' }) topic!: string;
  @Prop({ type: String, required: true }) visibility!: RoomVisibility;
  @Prop({ type: String, default: null }) ownerId!: string | null;
  @Prop({ type: [String], default: [] }) memberIds!: string[];
  @Prop({ default: 0 }) memberCount!: number;
  /**
   * The last membership changes applied to `memberCount`, by op id (see memberCountOp): a retried `$inc`
   * whose first attempt landed unanswered finds its id here.
   */
  @Prop({ type: [String], default: [], select: false }) memberCountOps?: string[];
  @Prop({ default: 0 }) lastSeq!: number;
  /** The rev counter (PROTOCOL.md 1.1), advanced by every change to the room's messages. */
  @Prop({ default: 0 }) lastRev!: number;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) lastActivityAt!: Date;
}

export const RoomSchema = SchemaFactory.createForClass(RoomDocument);
// The public directory: newest first, paged by _id.
RoomSchema.index({ kind: 1, visibility: 1, _id: -1 });
RoomSchema.index({ nameLower: 1 });
