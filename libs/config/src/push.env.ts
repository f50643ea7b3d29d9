import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type { EnvClass } from './env.transforms';
import { ToBool, ToInt, ToList } from './env.transforms';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Push notifications (PROTOCOL.md 1.1): the rooms service and the standalone server take subscriptions;
 * the gateways (and the standalone server) deliver. A mixin, since those configurations extend different bases.
 */
export function WithPush<Base extends EnvClass>(base: Base) {
  class PushEnv extends base {
    /** VAPID public key (base64url, as `npx web-push generate-vapid-keys` prints it). Unset: Web Push is off (standalone: generated in DATA_DIR). */
    @IsOptional() @IsString() @Matches(BASE64URL) @MinLength(80) WEB_PUSH_VAPID_PUBLIC_KEY?: string;

    /** VAPID private key (base64url); a secret, needed where notifications are delivered. */
    @IsOptional() @IsString() @Matches(BASE64URL) @MinLength(40) WEB_PUSH_VAPID_PRIVATE_KEY?: string;

    /** The contact push services see (`mailto:` or `https:`). */
    @Matches(/^(mailto:|https:\/\/)\S+$/) WEB_PUSH_SUBJECT = 'mailto:admin@localhost';

    /**
     * The only hosts a Web Push endpoint may name (comma-separated; `*.` matches subdomains). Empty
     * (default): any public host, never an address of the server's own network.
     */
    @ToList() @IsString({ each: true }) WEB_PUSH_ENDPOINT_HOSTS: string[] = [];

    /** The push gateway's notify URL (Matrix push gateway shape, docs/push-gateway.md). Unset: gateway delivery is off. */
    @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) PUSH_GATEWAY_URL?: string;

    /** Sent to the push gateway as `Authorization: Bearer …`; required with PUSH_GATEWAY_URL where notifications are delivered. */
    @ValidateIf((env: PushEnv) => env.PUSH_GATEWAY_SECRET !== undefined)
    @IsString()
    @MinLength(16)
    PUSH_GATEWAY_SECRET?: string;

    /** Notifications of one room to one device coalesce over this window (ms). @default 3000 */
    @ToInt() @IsInt() @Min(0) @Max(600_000) NOTIFY_COALESCE_MS = 3_000;

    /** How often a delivering process looks for new messages and due notifications (ms). @default 500 */
    @ToInt() @IsInt() @Min(20) @Max(60_000) NOTIFY_POLL_MS = 500;

    /** Deliveries that fail (5xx, 429, timeouts) are retried with backoff up to this many attempts. @default 8 */
    @ToInt() @IsInt() @Min(1) @Max(50) NOTIFY_MAX_ATTEMPTS = 8;

    /** Put the first characters of the message in the notification; false sends none (privacy). @default true */
    @ToBool() @IsBoolean() NOTIFY_PREVIEW = true;

    /** How long a push service keeps an undelivered Web Push message (s). @default 86400 */
    @ToInt() @IsInt() @Min(0) @Max(2_419_200) PUSH_TTL_SECONDS = 86_400;

    /** Deadline of one request to a push service or the gateway (ms). @default 10000 */
    @ToInt() @IsInt() @Min(100) @Max(120_000) PUSH_REQUEST_TIMEOUT_MS = 10_000;
  }
  return PushEnv;
}
