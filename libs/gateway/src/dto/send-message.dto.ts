import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  Matches,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { RoomLimits } from '@chat/contracts';
import { IdField, OptionalField, TrimmedText } from '@chat/platform/validation';

/** A message needs something to carry: a body, or at least one attachment. */
const hasBodyOrAttachments = (value: unknown, args?: ValidationArguments) =>
  (typeof value === 'string' && value.length > 0) ||
  ((args?.object as SendMessageDto | undefined)?.attachmentIds?.length ?? 0) > 0;

export class SendMessageDto {
  @IdField() roomId!: string;
  @IsString()
  @Matches(RoomLimits.clientMsgId, { message: 'clientMsgId must be 8-64 of [A-Za-z0-9_-]' })
  clientMsgId!: string;
  /** Empty (or left out) only when attachments are sent (PROTOCOL.md 1.1). */
  @Transform(({ value }: { value: unknown }) => value ?? '')
  @TrimmedText({ ...RoomLimits.body, min: 0 })
  @ValidateBy({
    name: 'bodyOrAttachments',
    validator: {
      validate: hasBodyOrAttachments,
      defaultMessage: () => 'body must not be empty unless attachmentIds are given',
    },
  })
  body!: string;
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(RoomLimits.attachmentsPerMessage)
  @IdField({ each: true })
  attachmentIds?: string[];
}
