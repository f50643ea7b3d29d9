import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';
import type { NotificationLevel, RoomRole } from '@chat/contracts';

@Schema({ collection: 'memberships', versionKey: false })
export class MembershipDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) roomId!: string;
  @Prop({ required: true }) userId!: string;
  @Prop({ type: String, required: true }) role!: RoomRole;
  @Prop({ required: true }) joinedAt!: Date;
  @Prop({ default: 0 }) lastReadSeq!: number;
  /** Unset: the room kind's default. */
  @Prop({ type: String }) notificationLevel?: NotificationLevel;
}

export const MembershipSchema = SchemaFactory.createForClass(MembershipDocument);
MembershipSchema.index({ roomId: 1, userId: 1 }, { unique: true });
// "My rooms".
MembershipSchema.index({ userId: 1 });
