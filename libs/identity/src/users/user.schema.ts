import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument, Types } from 'mongoose';
import type { GlobalRole } from '@chat/contracts';

/**
 * `_id` derives from the case-folded username (see usernameKey), so two users whose names differ
 * only in case cannot both exist, even on a store that enforces no secondary unique index.
 */
@Schema({ collection: 'users', versionKey: false })
export class UserRecord {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) username!: string;
  /** Prefix search and login ignore case. */
  @Prop({ required: true, unique: true }) usernameLower!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ required: true }) passwordHash!: string;
  @Prop({ type: [String], default: ['user'] }) roles!: GlobalRole[];
  @Prop({ required: true }) createdAt!: Date;
}

export type UserDocument = HydratedDocument<UserRecord>;
export const UserSchema = SchemaFactory.createForClass(UserRecord);
