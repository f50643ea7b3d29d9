import { IsIn, IsInt, IsString, Matches, MaxLength } from 'class-validator';
import { IdField, QueryInt } from '@chat/platform/validation';
import type { Variant } from '../download/attachment-links';

const VARIANTS: Variant[] = ['original', 'thumbnail'];

/** Any string: an id that is not one of ours names nothing, which is a 404. */
export class AttachmentIdParams {
  @IdField() id!: string;
}

export class LinkQuery {
  @IsIn(VARIANTS) variant: Variant = 'original';
}

/** The app's own signed link: which file, until when, and the HMAC over both. */
export class SignedLinkQuery {
  @IsIn(VARIANTS) variant!: Variant;
  @QueryInt() @IsInt() expires!: number;
  @IsString() @MaxLength(64) @Matches(/^[A-Za-z0-9_-]+$/) signature!: string;
}
