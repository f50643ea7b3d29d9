import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError } from '@chat/platform/errors';
import { BlobStore, type ServedAs } from './blob-store';

export interface S3Settings {
  /** For MinIO, Ceph and other S3-compatible servers; empty for AWS. */
  endpoint?: string;
  /** The endpoint presigned URLs name, which browsers must reach (when the service reaches S3 by another name). */
  publicEndpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `http://host/bucket/key` rather than `http://bucket.host/key` (MinIO, most self-hosted servers). */
  forcePathStyle: boolean;
}

/** Every call to S3 gives up after this long: a hung store must not hold requests or sockets. */
const CALL_DEADLINE_MS = 30_000;
const SMALL_CALL_DEADLINE_MS = 5_000;

/**
 * A private bucket through `@aws-sdk/client-s3`. Downloads are presigned GETs that carry the safe
 * `Content-Type` and `Content-Disposition` as response overrides, so the bucket needs no public policy.
 */
export class S3BlobStore extends BlobStore {
  private readonly client: S3Client;
  /** Signs only (no requests): for the endpoint browsers use. */
  private readonly signer: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = S3BlobStore.client(settings, settings.endpoint);
    this.signer = settings.publicEndpoint
      ? S3BlobStore.client(settings, settings.publicEndpoint)
      : this.client;
  }

  private static client(settings: S3Settings, endpoint: string | undefined): S3Client {
    return new S3Client({
      region: settings.region,
      endpoint: endpoint || undefined,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      requestHandler: { connectionTimeout: SMALL_CALL_DEADLINE_MS, requestTimeout: CALL_DEADLINE_MS },
      maxAttempts: 3,
      // The SDK's default since 3.729 streams uploads as aws-chunked with a trailing CRC, which many
      // S3-compatible servers (older MinIO, Ceph, s3rver) store verbatim: checksums only where required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async putFile(key: string, path: string, contentType: string, size: number): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: key,
        Body: createReadStream(path),
        ContentLength: size,
        ContentType: contentType,
      }),
      { abortSignal: AbortSignal.timeout(CALL_DEADLINE_MS) },
    );
  }

  async read(key: string): Promise<{ body: Readable; size: number } | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }),
        {
          abortSignal: AbortSignal.timeout(SMALL_CALL_DEADLINE_MS),
        },
      );
      if (!(answer.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      return { body: answer.Body, size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw unavailable(error);
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }), {
      abortSignal: AbortSignal.timeout(SMALL_CALL_DEADLINE_MS),
    });
  }

  presignedUrl(key: string, servedAs: ServedAs, expiresInSeconds: number): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: key,
      ResponseContentType: servedAs.contentType,
      ResponseContentDisposition: servedAs.contentDisposition,
    });
    return getSignedUrl(this.signer, command, { expiresIn: expiresInSeconds });
  }
}

function unavailable(error: unknown): AppError {
  return new AppError('UNAVAILABLE', `The file store is unavailable (${String(error)}); retry later`, 1000);
}
