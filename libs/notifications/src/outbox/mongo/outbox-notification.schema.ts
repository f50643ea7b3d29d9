import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { NotificationReason } from '@chat/contracts';

/** `_id` is the idempotency key (`<first message id>:<subscription id>`), so a notification is queued once. */
@Schema({ collection: 'notification_outbox', versionKey: false })
export class OutboxNotificationDocument {
  @Prop({ type: String, required: true }) _id!: string;
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
