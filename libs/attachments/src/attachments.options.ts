import type { S3Settings } from './blobs/s3-blob-store';

export const ATTACHMENTS_OPTIONS = Symbol('ATTACHMENTS_OPTIONS');

export interface AttachmentsOptions {
  /** The largest file accepted; one byte more answers 413. */
  maxBytes: number;
  /** Images with more pixels than this are refused (decompression bombs). */
  maxPixels: number;
  /** Where uploads are spooled before they are checked and stored. */
  spoolDir: string;
  store: { kind: 'fs'; dir: string } | ({ kind: 's3' } & S3Settings);
  /** Signs the app's own short-lived download links. */
  linkSecret: Buffer;
  /** How long a download link (ours or S3's) stays valid, in seconds (at most 300). */
  linkTtlSeconds: number;
  /** An upload that no message took within this long is deleted. */
  unclaimedTtlMs: number;
  /** How often the sweep removes the bytes of deleted and unclaimed attachments. */
  sweepIntervalMs: number;
  /** Uploads per user per minute. */
  uploadsPerMinute: number;
  /** A command run with the spooled file's path before it is stored: exit 0 accepts, 1 refuses. */
  scanCommand?: string;
}
