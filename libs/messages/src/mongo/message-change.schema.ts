import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One row per rev the room's counter handed out and whose write finished: the change's message, or
 * `null` when the rev went unused (the change found nothing to change, or lost a race and took a later
 * rev). Several gateways commit revs out of order, and a message keeps only its latest rev, so readers
 * learn from these rows which revs are settled (see MongoMessagesRepository.settledThrough).
 */
@Schema({ collection: 'message_changes', versionKey: false })
export class MessageChangeDocument {
  @Prop({ required: true }) roomId!: string;
  @Prop({ required: true }) rev!: number;
  @Prop({ type: String, default: null }) messageId!: string | null;
  /** Written after the change: a row older than the settle time proves every lower rev finished or failed. */
  @Prop({ required: true }) at!: Date;
}

export const MessageChangeSchema = SchemaFactory.createForClass(MessageChangeDocument);
MessageChangeSchema.index({ roomId: 1, rev: 1 }, { unique: true });
