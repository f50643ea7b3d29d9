import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachmentUrl, Room, Session } from '@chat/contracts';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/s3-server';
import { standaloneForSuite } from '../support/standalone-process';
import { upload } from '../support/uploads';
import { registerUser, uniqueName } from '../support/users';

/** A scanner in ClamAV's convention: exit 1 refuses (here: anything holding the EICAR marker), 0 accepts. */
function scannerScript(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'chat-scanner-')), 'scan.sh');
  writeFileSync(path, '#!/bin/sh\nif grep -q EICAR-TEST "$1"; then exit 1; fi\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

/**
 * The server on S3-compatible storage: downloads are redirects to presigned URLs that carry the safe
 * headers. The same server has a scanner hook and a low upload limit.
 */
describe('attachments on S3-compatible storage (s3rver)', () => {
  let s3: LocalS3;
  // Filled in once the S3 server has a port, before the server below starts (hooks run in order).
  const env: Record<string, string> = {};
  beforeAll(async () => {
    s3 = await startLocalS3();
    Object.assign(env, {
      ATTACHMENT_STORE: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_PUBLIC_ENDPOINT: `http://localhost:${s3.port}`,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      ATTACHMENT_LINK_TTL_SECONDS: '60',
      ATTACHMENT_SCAN_COMMAND: scannerScript(),
      RATE_LIMIT_UPLOADS_PER_MINUTE: '4',
    });
  });
  const suite = standaloneForSuite('attachments-s3', env);
  afterAll(() => s3?.close());

  let alice: Session;
  let room: Room;
  beforeAll(async () => {
    alice = await registerUser(suite.http, uniqueName('alice'));
    room = (
      await suite.http
        .withToken(alice.accessToken)
        .post<Room>('/api/rooms', { name: 'S3', visibility: 'private' })
    ).body;
  });

  it('redirects a download to a presigned URL that serves the bytes as a download', async () => {
    const content = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const { status, body: attachment } = await upload(
      suite.http.baseUrl,
      alice.accessToken,
      room.id,
      Buffer.from(content),
      'logo.svg',
      'image/svg+xml',
    );
    expect(status).toBe(201);

    const download = await fetch(`${suite.http.baseUrl}/api/attachments/${attachment.id}`, {
      headers: { authorization: `Bearer ${alice.accessToken}` },
      redirect: 'manual',
    });
    expect(download.status).toBe(302);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const location = new URL(download.headers.get('location')!);
    expect(location.origin).toBe(`http://localhost:${s3.port}`);
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBe(60);

    const fromStore = await fetch(location);
    expect(fromStore.status).toBe(200);
    expect(fromStore.headers.get('content-type')).toBe('application/octet-stream');
    expect(fromStore.headers.get('content-disposition')).toMatch(/^attachment; filename="logo.svg"/);
    expect(await fromStore.text()).toBe(content);

    const link = await suite.http
      .withToken(alice.accessToken)
      .get<AttachmentUrl>(`/api/attachments/${attachment.id}/link`);
    expect(link.body.url).toMatch(new RegExp(`^http://localhost:${s3.port}/${s3.bucket}/`));
    expect((await fetch(link.body.url)).status).toBe(200);
  });

  it("lets the web client's page load previews from the store's public endpoint", async () => {
    const page = await fetch(`${suite.http.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      `img-src 'self' data: http://localhost:${s3.port};`,
    );
  });

  it('lets the scanner hook refuse a file before anything can reference it', async () => {
    const refused = await upload(
      suite.http.baseUrl,
      alice.accessToken,
      room.id,
      Buffer.from('X5O EICAR-TEST'),
      'v.com',
    );
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/scanner/) } },
    });
  });

  it('limits uploads per user per minute', async () => {
    const bob = await registerUser(suite.http, uniqueName('bob'));
    const own = (
      await suite.http
        .withToken(bob.accessToken)
        .post<Room>('/api/rooms', { name: 'B', visibility: 'private' })
    ).body;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await upload(suite.http.baseUrl, bob.accessToken, own.id, Buffer.from(`f${i}`), 'f.txt')).status,
      );
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });
});
