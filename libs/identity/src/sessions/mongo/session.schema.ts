import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';

@Schema({ collection: 'sessions', versionKey: false })
export class SessionDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  /** References are hex strings: the embedded test store's file mode keeps no ObjectId but `_id`. */
  @Prop({ required: true, index: true }) userId!: string;
  @Prop({ required: true }) refreshHash!: string;
  @Prop({ type: [String], default: [] }) spentHashes!: string[];
  @Prop({ required: true }) createdAt!: Date;
  /** Real MongoDB removes the document after it (TTL index). */
  @Prop({ required: true, expires: 0 }) expiresAt!: Date;
  @Prop({ type: Date, default: null }) revokedAt!: Date | null;
  /** The last rotation (see LastRotation); absent before the first refresh and on older documents. */
  @Prop({ type: String, default: null }) previousHash!: string | null;
  @Prop({ type: Date, default: null }) rotatedAt!: Date | null;
  @Prop({ type: String, default: null }) successorSealed!: string | null;
}

export const SessionSchema = SchemaFactory.createForClass(SessionDocument);
