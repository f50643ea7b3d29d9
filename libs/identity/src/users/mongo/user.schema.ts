import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Types } from 'mongoose';
import type { GlobalRole } from '@chat/contracts';

/** `_id` is the user id (derived from the folded name), stored as an ObjectId. */
@Schema({ collection: 'users', versionKey: false })
export class UserDocument {
  @Prop({ type: 'ObjectId', required: true }) _id!: Types.ObjectId;
  @Prop({ required: true }) username!: string;
  @Prop({ required: true, unique: true }) usernameLower!: string;
  @Prop({ required: true }) displayName!: string;
  @Prop({ required: true }) passwordHash!: string;
  @Prop({ type: [String], default: ['user'] }) roles!: GlobalRole[];
  @Prop({ required: true }) createdAt!: Date;
}

export const UserSchema = SchemaFactory.createForClass(UserDocument);
