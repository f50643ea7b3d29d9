import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials: it checks SigV4 signatures made with them. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  port: number;
  bucket: string;
  close(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver: SigV4, presigned URLs, response overrides) on a free loopback
 * port, with one private bucket, its data in a temporary folder.
 */
export async function startLocalS3(bucket = 'chat-attachments'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'chat-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
