import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AttachmentsOptions } from './attachments.options';

/** The settings `WithAttachments` (libs/config) declares. */
export interface AttachmentsEnv {
  ATTACHMENT_MAX_BYTES: number;
  ATTACHMENT_MAX_PIXELS: number;
  ATTACHMENT_STORE: 'fs' | 's3';
  ATTACHMENT_DIR?: string;
  S3_ENDPOINT?: string;
  S3_PUBLIC_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE?: boolean;
  ATTACHMENT_LINK_TTL_SECONDS: number;
  ATTACHMENT_UNCLAIMED_TTL_SECONDS: number;
  ATTACHMENT_SWEEP_INTERVAL_SECONDS: number;
  RATE_LIMIT_UPLOADS_PER_MINUTE: number;
  ATTACHMENT_SCAN_COMMAND?: string;
}

/**
 * @param defaultDir where the `fs` store keeps files when ATTACHMENT_DIR is unset
 * @param linkSecret the HMAC key of the app's own download links (from ATTACHMENT_LINK_SECRET, or generated)
 */
export function attachmentsOptionsFromEnv(
  env: AttachmentsEnv,
  defaultDir: string,
  linkSecret: Buffer,
): AttachmentsOptions {
  const dir = resolve(env.ATTACHMENT_DIR ?? defaultDir);
  return {
    maxBytes: env.ATTACHMENT_MAX_BYTES,
    maxPixels: env.ATTACHMENT_MAX_PIXELS,
    // On the fs store the spool shares the files' file system, so storing an upload is a rename.
    spoolDir: env.ATTACHMENT_STORE === 'fs' ? join(dir, '.spool') : join(tmpdir(), 'chat-uploads'),
    store:
      env.ATTACHMENT_STORE === 's3'
        ? {
            kind: 's3',
            endpoint: env.S3_ENDPOINT,
            publicEndpoint: env.S3_PUBLIC_ENDPOINT,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET!,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE ?? Boolean(env.S3_ENDPOINT),
          }
        : { kind: 'fs', dir },
    linkSecret,
    linkTtlSeconds: env.ATTACHMENT_LINK_TTL_SECONDS,
    unclaimedTtlMs: env.ATTACHMENT_UNCLAIMED_TTL_SECONDS * 1000,
    sweepIntervalMs: env.ATTACHMENT_SWEEP_INTERVAL_SECONDS * 1000,
    uploadsPerMinute: env.RATE_LIMIT_UPLOADS_PER_MINUTE,
    scanCommand: env.ATTACHMENT_SCAN_COMMAND,
  };
}
