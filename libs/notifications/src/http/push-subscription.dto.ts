import { Type } from 'class-transformer';
import {
  Equals,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PushLimits, type PushSubscriptionInput } from '@chat/contracts';

type Kind = PushSubscriptionInput['kind'];
const isKind = (kind: Kind) => (dto: PushSubscriptionDto) => dto.kind === kind;

/** RFC 8291 keys, base64url: a 65-byte P-256 point (87 characters) and a 16-byte secret (22). */
export class WebPushKeysDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{87}=?$/, { message: 'keys.p256dh must be a base64url P-256 public key' })
  p256dh!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{22}(==)?$/, { message: 'keys.auth must be a base64url 16-byte secret' })
  auth!: string;
}

/** `POST /api/push/subscriptions`: a browser's `PushSubscription.toJSON()` with `kind`, or a gateway device. */
export class PushSubscriptionDto {
  @IsIn(['webpush', 'gateway'], { message: 'kind must be webpush or gateway' })
  kind!: Kind;

  @ValidateIf(isKind('webpush'))
  @IsString()
  @MaxLength(PushLimits.endpointLength)
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'endpoint must be an https URL' },
  )
  endpoint?: string;

  @ValidateIf(isKind('webpush'))
  @IsObject()
  @ValidateNested()
  @Type(() => WebPushKeysDto)
  keys?: WebPushKeysDto;

  /** What `toJSON()` carries besides; accepted and ignored (the push service's answer says when it ends). */
  @ValidateIf(isKind('webpush'))
  @IsOptional()
  @Equals(null, { message: 'expirationTime is not supported' })
  expirationTime?: null;

  @ValidateIf(isKind('gateway'))
  @IsString()
  @Matches(PushLimits.appId, { message: 'appId must be 1-64 of [A-Za-z0-9._-]' })
  appId?: string;

  @ValidateIf(isKind('gateway'))
  @IsString()
  @Length(1, PushLimits.pushkeyLength)
  @Matches(/^[\x21-\x7e]+$/, { message: 'pushkey must be printable ASCII without spaces' })
  pushkey?: string;
}
