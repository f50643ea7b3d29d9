import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type { EnvClass } from './env.transforms';
import { ToBool, ToInt } from './env.transforms';

/**
 * Attachments (files in messages), for the processes that serve uploads and downloads: the rooms
 * service and the standalone server. A mixin, since those configurations extend different bases.
 */
export function WithAttachments<Base extends EnvClass>(base: Base) {
  class AttachmentsEnv extends base {
    /** The largest file accepted, in bytes; one byte more answers 413. @default 26214400 (25 MiB) */
    @ToInt() @IsInt() @Min(1) @Max(1024 * 1024 * 1024) ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

    /** Images with more pixels than this are refused (decompression bombs). @default 40000000 */
    @ToInt() @IsInt() @Min(1) @Max(1_000_000_000) ATTACHMENT_MAX_PIXELS = 40_000_000;

    /** `fs`: files under ATTACHMENT_DIR (one process, or a volume every replica shares); `s3`: S3-compatible storage. */
    @IsIn(['fs', 's3']) ATTACHMENT_STORE: 'fs' | 's3' = 'fs';

    /** With the `fs` store: where the files live. @default DATA_DIR/attachments (standalone), ./data/attachments */
    @IsOptional() @IsString() ATTACHMENT_DIR?: string;

    /** S3 endpoint (MinIO, Ceph, …); unset for AWS S3. */
    @IsOptional() @IsString() S3_ENDPOINT?: string;

    /** The endpoint presigned download URLs name, when browsers reach S3 by another name than the service. @default S3_ENDPOINT */
    @IsOptional() @IsString() S3_PUBLIC_ENDPOINT?: string;

    @IsString() S3_REGION = 'us-east-1';

    /** The bucket; it stays private: downloads are presigned URLs. */
    @ValidateIf((env: AttachmentsEnv) => env.ATTACHMENT_STORE === 's3')
    @IsString()
    @MinLength(3)
    S3_BUCKET?: string;

    /** Credentials; unset, the AWS SDK's default chain (instance role, web identity, …) applies. */
    @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
    @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;

    /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most S3-compatible servers need. @default true with S3_ENDPOINT */
    @IsOptional() @ToBool() @IsBoolean() S3_FORCE_PATH_STYLE?: boolean;

    /**
     * HMAC key of the app's own short-lived download links (the `fs` store). Every replica must share it;
     * the standalone server generates one into DATA_DIR when it is unset.
     */
    @IsOptional() @IsString() @MinLength(32) ATTACHMENT_LINK_SECRET?: string;

    /** How long a download link (ours or a presigned S3 URL) stays valid, in seconds. @default 120 */
    @ToInt() @IsInt() @Min(10) @Max(300) ATTACHMENT_LINK_TTL_SECONDS = 120;

    /** An upload that no message took within this long is deleted, in seconds. @default 86400 */
    @ToInt() @IsInt() @Min(60) ATTACHMENT_UNCLAIMED_TTL_SECONDS = 86_400;

    /** How often the bytes of deleted messages, deleted rooms and unclaimed uploads are removed, in seconds. @default 600 */
    @ToInt() @IsInt() @Min(1) @Max(86_400) ATTACHMENT_SWEEP_INTERVAL_SECONDS = 600;

    /** Uploads per user per minute, across replicas. @default 30 */
    @ToInt() @IsInt() @Min(1) RATE_LIMIT_UPLOADS_PER_MINUTE = 30;

    /** A command run with each upload's path before it is stored: exit 0 accepts, 1 refuses (e.g. `clamdscan --no-summary`). */
    @IsOptional() @IsString() ATTACHMENT_SCAN_COMMAND?: string;
  }
  return AttachmentsEnv;
}
