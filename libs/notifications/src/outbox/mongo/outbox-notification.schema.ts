import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';
import type { NotificationReason } from '@chat/contracts';

/**
 * `_id` derives from the idempotency key (`<first message id>:<subscription id>`, kept in `key`), so a
 * notification is queued once. An ObjectId, as every collection's: the embedded stand-in stores no other.
 */
@Schema({ collection: 'notification_outbox', versionKey: false })
export class OutboxNotificationDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  /** The port's id: the idempotency key itself. */
  @Prop({ required: true }) key!: string;
  @Prop({ required: true }) subscriptionId!: string;
  @Prop({ required: true }) userId!: string;
  @Prop({ required: true }) roomId!: string;
  @Prop({ required: true }) firstSeq!: number;
  @Prop({ required: true }) seq!: number;
  @Prop({ required: true }) messageId!: string;
  @Prop({ required: true }) senderId!: string;
  @Prop({ type: String, required: true }) reason!: NotificationReason;
  @Prop({ type: String, default: null }) preview!: string | null;
  @Prop({ required: true }) count!: number;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) mergeUntil!: Date;
  @Prop({ required: true }) dueAt!: Date;
  @Prop({ default: 0 }) attempts!: number;
  /** The worker's lease token while one holds it. */
  @Prop({ type: String, default: null }) leaseToken!: string | null;
}

export const OutboxNotificationSchema = SchemaFactory.createForClass(OutboxNotificationDocument);
OutboxNotificationSchema.index({ dueAt: 1 });
OutboxNotificationSchema.index({ subscriptionId: 1, roomId: 1, seq: -1 });
