import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

/** `_id` derives from the device (subscriptionIdFor): one document per browser or app install. */
@Schema({ collection: 'push_subscriptions', versionKey: false })
export class PushSubscriptionDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) userId!: string;
  @Prop({ default: '' }) sessionId!: string;
  @Prop({ required: true }) kind!: 'webpush' | 'gateway';
  @Prop() endpoint?: string;
  @Prop() p256dh?: string;
  @Prop() auth?: string;
  @Prop() appId?: string;
  @Prop() pushkey?: string;
  @Prop({ required: true }) createdAt!: Date;
}

export const PushSubscriptionSchema = SchemaFactory.createForClass(PushSubscriptionDocument);
PushSubscriptionSchema.index({ userId: 1, createdAt: 1 });
