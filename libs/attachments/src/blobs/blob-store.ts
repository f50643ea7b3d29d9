import type { Readable } from 'node:stream';

/** How a signed URL must answer: the store, not the app, sets these headers then. */
export interface ServedAs {
  contentType: string;
  contentDisposition: string;
}

/** Where attachment bytes live: the local file system (single process) or S3-compatible storage. */
export abstract class BlobStore {
  /** Stores a finished local file (the upload was spooled to disk first) under `key`. */
  abstract putFile(key: string, path: string, contentType: string, size: number): Promise<void>;
  /** The bytes, or null when there are none under `key`. */
  abstract read(key: string): Promise<{ body: Readable; size: number } | null>;
  /** Removing what is not there is not an error. */
  abstract remove(key: string): Promise<void>;
  /**
   * A URL that answers the bytes by itself for `expiresInSeconds`, or null when this store has no such
   * URLs and the app serves the bytes (with its own signed link).
   */
  abstract presignedUrl(key: string, servedAs: ServedAs, expiresInSeconds: number): Promise<string | null>;
}
