import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BlobStore, FsBlobStore, S3BlobStore } from '@chat/attachments';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/s3-server';

const SERVED_AS = {
  contentType: 'application/octet-stream',
  contentDisposition: 'attachment; filename="a.txt"',
};

describe('attachment blob stores', () => {
  let s3: LocalS3;
  let scratch: string;

  beforeAll(async () => {
    s3 = await startLocalS3();
    scratch = mkdtempSync(join(tmpdir(), 'chat-blobs-'));
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A spooled upload, as the upload path hands it over. */
  function spooled(content: string): string {
    const path = join(scratch, `spool-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, content);
    return path;
  }

  const stores: [string, () => BlobStore][] = [
    ['file system', () => new FsBlobStore(join(scratch, 'fs-store'))],
    [
      'S3 (s3rver)',
      () =>
        new S3BlobStore({
          endpoint: s3.endpoint,
          region: 'us-east-1',
          bucket: s3.bucket,
          forcePathStyle: true,
          ...S3RVER_CREDENTIALS,
        }),
    ],
  ];

  describe.each(stores)('%s', (_name, makeStore) => {
    it('stores a spooled file under its key, reads it back, and removes it (twice is fine)', async () => {
      const store = makeStore();
      const key = `rooms/r1/${Date.now().toString(36)}`;
      await store.putFile(key, spooled('hello, attachments'), 'text/plain', 18);
      const read = await store.read(key);
      expect(read?.size).toBe(18);
      expect(await text(read!.body)).toBe('hello, attachments');
      await store.remove(key);
      await store.remove(key);
      expect(await store.read(key)).toBeNull();
    });
  });

  it('has no presigned URLs on the file system: the app signs its own links', async () => {
    const store: BlobStore = new FsBlobStore(join(scratch, 'fs-store'));
    expect(await store.presignedUrl('k', SERVED_AS, 60)).toBeNull();
  });

  it('presigns S3 GETs that carry the safe headers, for the public endpoint', async () => {
    const store = new S3BlobStore({
      endpoint: s3.endpoint,
      // Browsers reach the store by another name than the service does.
      publicEndpoint: `http://localhost:${s3.port}`,
      region: 'us-east-1',
      bucket: s3.bucket,
      forcePathStyle: true,
      ...S3RVER_CREDENTIALS,
    });
    const key = 'rooms/r2/page';
    await store.putFile(key, spooled('<html><script>alert(1)</script>'), 'application/octet-stream', 31);

    const url = await store.presignedUrl(key, SERVED_AS, 120);
    expect(url).toMatch(new RegExp(`^http://localhost:${s3.port}/${s3.bucket}/rooms/r2/page\\?`));
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('120');
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/octet-stream');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="a.txt"');
    expect(await answer.text()).toBe('<html><script>alert(1)</script>');

    // The bucket's privacy is the deployment's (compose's minio-init and the chart create it without a
    // public policy): s3rver has no ACLs and answers anonymous GETs, so it cannot be shown here.
  });

  it('refuses an expired presigned URL', async () => {
    const store = new S3BlobStore({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: s3.bucket,
      forcePathStyle: true,
      ...S3RVER_CREDENTIALS,
    });
    await store.putFile('rooms/r3/old', spooled('old'), 'text/plain', 3);
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    // Signed ten minutes ago for two minutes: the same URL the store would have handed out then.
    const expired = await getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: s3.bucket, Key: 'rooms/r3/old' }),
      {
        expiresIn: 120,
        signingDate: new Date(Date.now() - 600_000),
      },
    );
    expect((await fetch(expired)).status).toBe(403);
  });
});
