import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

/** How many spent refresh-token hashes a session remembers, to recognise reuse. */
export const SPENT_TOKENS_KEPT = 50;

/**
 * A session is one refresh-token family. Only hashes are stored: a database leak yields no usable token.
 * `_id` is the `sid` claim of every access token of the session.
 */
@Schema({ collection: 'sessions', versionKey: false })
export class SessionRecord {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  /** References are hex strings: the embedded store's file mode keeps no ObjectId but `_id`. */
  @Prop({ required: true, index: true }) userId!: string;
  @Prop({ required: true }) refreshHash!: string;
  @Prop({ type: [String], default: [] }) spentHashes!: string[];
  @Prop({ required: true }) createdAt!: Date;
  /** Renewed on every refresh; real MongoDB removes the document after it (TTL index). */
  @Prop({ required: true, expires: 0 }) expiresAt!: Date;
  @Prop({ type: Date, default: null }) revokedAt!: Date | null;
}

export const SessionSchema = SchemaFactory.createForClass(SessionRecord);
