import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AttachmentUrl, Message, MessagePage, Room, Session } from '@chat/contracts';
import { connectSocket, request, type ChatClient } from '../support/sockets';
import { standaloneForSuite } from '../support/standalone-process';
import { partialUpload, pngClaiming, upload } from '../support/uploads';
import { registerUser, uniqueName } from '../support/users';

const MAX_BYTES = 1024 * 1024;
const LINK_SECRET = 'attachments-e2e-link-secret-of-at-least-32-chars';

/** A JPEG with EXIF (the camera and a GPS position), as phones upload photos. */
function photo(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo', Copyright: 'someone' }, IFD3: { GPSLatitudeRef: 'N' } })
    .toBuffer();
}

describe('attachments (standalone, file-system store)', () => {
  const suite = standaloneForSuite('attachments', {
    ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
    ATTACHMENT_LINK_SECRET: LINK_SECRET,
    ATTACHMENT_SWEEP_INTERVAL_SECONDS: '1',
  });
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let room: Room;
  let otherRoom: Room;
  let aliceSocket: ChatClient;
  let bobSocket: ChatClient;
  const base = () => suite.http.baseUrl;
  const as = (session: Session) => suite.http.withToken(session.accessToken);

  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(suite.http, uniqueName(name))),
    );
    room = (await as(alice).post<Room>('/api/rooms', { name: 'Files', visibility: 'private' })).body;
    otherRoom = (await as(alice).post<Room>('/api/rooms', { name: 'Other', visibility: 'private' })).body;
    await as(alice).post(`/api/rooms/${room.id}/members`, { userId: bob.user.id });
    aliceSocket = await connectSocket(base(), alice.accessToken);
    bobSocket = await connectSocket(base(), bob.accessToken);
    for (const socket of [aliceSocket, bobSocket])
      expect((await request(socket, 'room:join', { roomId: room.id })).ok).toBe(true);
    expect((await request(aliceSocket, 'room:join', { roomId: otherRoom.id })).ok).toBe(true);
  });

  afterAll(() => {
    aliceSocket?.close();
    bobSocket?.close();
  });

  const send = (socket: ChatClient, roomId: string, attachmentIds: string[], body = '') =>
    request(socket, 'message:send', {
      roomId,
      clientMsgId: uniqueName('c').replace(/[^A-Za-z0-9_-]/g, ''),
      body,
      attachmentIds,
    });

  it('stores a photo, sends it, shows it to members with a clean preview, and serves the original', async () => {
    const original = await photo();
    const uploaded = await upload(base(), alice.accessToken, room.id, original, 'holiday.jpg', 'image/png');
    expect(uploaded.status).toBe(201);
    const attachment = uploaded.body;
    expect(attachment).toMatchObject({
      roomId: room.id,
      name: 'holiday.jpg',
      contentType: 'image/jpeg',
      size: original.length,
      width: 1200,
      height: 800,
      thumbnail: `/api/attachments/${attachment.id}/thumbnail`,
    });

    const delivered = new Promise<Message>((resolve) => bobSocket.once('message:new', resolve));
    const sent = await send(aliceSocket, room.id, [attachment.id]);
    expect(sent).toMatchObject({ ok: true, data: { message: { body: '', attachments: [attachment] } } });
    expect((await delivered).attachments).toEqual([attachment]);
    const history = await as(bob).get<MessagePage>(`/api/rooms/${room.id}/messages`);
    expect(history.body.items.at(-1)?.attachments).toEqual([attachment]);

    const download = await fetch(`${base()}/api/attachments/${attachment.id}`, {
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(download.headers.get('content-disposition')).toMatch(/^inline; filename="holiday.jpg"/);
    // The original is kept byte for byte (EXIF included): it is the sender's file.
    expect(Buffer.from(await download.arrayBuffer()).equals(original)).toBe(true);

    const thumbnail = await fetch(`${base()}${attachment.thumbnail}`, {
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const preview = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([preview.width, preview.height]).toEqual([320, 213]);
    expect(preview.exif).toBeUndefined();
  });

  it('hands out a short-lived link for <img src> that works without the token, and refuses an expired or forged one', async () => {
    const { body: attachment } = await upload(
      base(),
      alice.accessToken,
      room.id,
      await photo(64, 64),
      'a.jpg',
    );
    const link = await as(bob).get<AttachmentUrl>(`/api/attachments/${attachment.id}/link?variant=thumbnail`);
    expect(link.status).toBe(200);
    expect(new Date(link.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const viaLink = await fetch(`${base()}${link.body.url}`);
    expect(viaLink.status).toBe(200);
    expect(viaLink.headers.get('content-type')).toBe('image/webp');

    const expires = Math.floor(Date.now() / 1000) - 5;
    const signature = createHmac('sha256', LINK_SECRET)
      .update(`${attachment.id}:original:${expires}`)
      .digest('base64url');
    const expired = await suite.http.get(
      `/api/attachments/${attachment.id}/content?variant=original&expires=${expires}&signature=${signature}`,
    );
    expect(expired.status).toBe(403);
    expect(expired.body).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/expired/) },
    });
    const forged = await suite.http.get(link.body.url.replace('variant=thumbnail', 'variant=original'));
    expect(forged.status).toBe(403);
    expect((await suite.http.get(`/api/attachments/${attachment.id}/content?variant=original`)).status).toBe(
      400,
    );
  });

  it('refuses a file over the limit with 413 before reading the body, with or without a declared length', async () => {
    const declared = await partialUpload(base(), alice.accessToken, room.id, {
      sentBytes: 64 * 1024,
      declaredBytes: MAX_BYTES * 8,
    });
    expect(declared).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(declared.connection).toBe('close');
    const chunked = await partialUpload(base(), alice.accessToken, room.id, { sentBytes: MAX_BYTES * 2 });
    expect(chunked).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    // At the limit exactly is fine.
    expect(
      (await upload(base(), alice.accessToken, room.id, Buffer.alloc(MAX_BYTES, 1), 'max.bin')).status,
    ).toBe(201);
  });

  it('refuses an empty file, a body that is not one file part, and cleans names', async () => {
    const empty = await upload(base(), alice.accessToken, room.id, Buffer.alloc(0), 'empty.txt');
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const notMultipart = await as(alice).post(`/api/rooms/${room.id}/attachments`, { file: 'x' });
    expect(notMultipart).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });

    const named = await upload(
      base(),
      alice.accessToken,
      room.id,
      Buffer.from('hello'),
      '../../etc/pass\twd\u202Egnp\u200B.txt',
    );
    expect(named).toMatchObject({ status: 201, body: { name: 'passwdgnp.txt' } });
    // A raw control character is not even a valid header: refused, with a reason.
    const raw = await upload(base(), alice.accessToken, room.id, Buffer.from('hello'), 'a\u0001b.txt');
    expect(raw).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/control characters/) } },
    });
    const dots = await upload(base(), alice.accessToken, room.id, Buffer.from('hello'), '..');
    expect(dots.body.name).not.toMatch(/[/\\]|^\.\.$/);
  });

  it.each([
    ['HTML', '<!doctype html><html><script>alert(document.cookie)</script></html>'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
  ])('serves %s uploaded as image/png as a download, never inline', async (_kind, content) => {
    const { status, body } = await upload(
      base(),
      alice.accessToken,
      room.id,
      Buffer.from(content),
      'x.png',
      'image/png',
    );
    expect(status).toBe(201);
    expect(body.contentType).toBe('application/octet-stream');
    expect(body.thumbnail).toBeUndefined();
    const served = await fetch(`${base()}/api/attachments/${body.id}`, {
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(4096);
    const refused = await upload(base(), alice.accessToken, room.id, bomb, 'bomb.png');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/pixels/) },
    });
  });

  it("refuses another user's attachment, another room's, one already sent, and 11 at once", async () => {
    const bobs = (await upload(base(), bob.accessToken, room.id, Buffer.from('bob'), 'b.txt')).body;
    expect(await send(aliceSocket, room.id, [bobs.id])).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const elsewhere = (await upload(base(), alice.accessToken, otherRoom.id, Buffer.from('x'), 'x.txt')).body;
    expect(await send(aliceSocket, room.id, [elsewhere.id])).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const once = (await upload(base(), alice.accessToken, room.id, Buffer.from('once'), 'o.txt')).body;
    expect((await send(aliceSocket, room.id, [once.id], 'first')).ok).toBe(true);
    expect(await send(aliceSocket, room.id, [once.id], 'second')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const eleven = Array.from({ length: 11 }, () => once.id);
    expect(await send(aliceSocket, room.id, eleven)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await send(aliceSocket, room.id, [])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('keeps a retried send idempotent, attachments included', async () => {
    const file = (await upload(base(), alice.accessToken, room.id, Buffer.from('retry'), 'r.txt')).body;
    const payload = {
      roomId: room.id,
      clientMsgId: 'retry-with-file-1',
      body: 'again',
      attachmentIds: [file.id],
    };
    const first = await request(aliceSocket, 'message:send', payload);
    const second = await request(aliceSocket, 'message:send', payload);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.data.message).toEqual(first.data.message);
    expect(second.data.message.attachments).toEqual([file]);
  });

  it('refuses uploads and downloads by a non-member', async () => {
    const { body: attachment } = await upload(
      base(),
      alice.accessToken,
      room.id,
      Buffer.from('secret'),
      's.txt',
    );
    const download = await as(carol).get(`/api/attachments/${attachment.id}`);
    expect([403, 404]).toContain(download.status);
    expect(download.body).toMatchObject({ error: { code: expect.any(String) } });
    expect([403, 404]).toContain((await as(carol).get(`/api/attachments/${attachment.id}/link`)).status);
    expect([403, 404]).toContain(
      (await upload(base(), carol.accessToken, room.id, Buffer.from('x'), 'x.txt')).status,
    );
    expect((await suite.http.get(`/api/attachments/${attachment.id}`)).status).toBe(401);
  });

  it("stops serving a deleted message's files and removes their bytes; a deleted room's files too", async () => {
    const { body: attachment } = await upload(
      base(),
      alice.accessToken,
      room.id,
      await photo(50, 50),
      'd.jpg',
    );
    const sent = await send(aliceSocket, room.id, [attachment.id]);
    if (!sent.ok) throw new Error('send failed');
    const onDisk = join(suite.dataDir, 'attachments', 'rooms', room.id, attachment.id);
    expect(existsSync(onDisk)).toBe(true);
    expect(
      (await request(aliceSocket, 'message:delete', { roomId: room.id, messageId: sent.data.message.id })).ok,
    ).toBe(true);
    expect((await as(bob).get(`/api/attachments/${attachment.id}`)).status).toBe(404);
    const history = await as(bob).get<MessagePage>(`/api/rooms/${room.id}/messages`);
    const tombstone = history.body.items.find((m) => m.id === sent.data.message.id);
    expect(tombstone?.attachments ?? []).toEqual([]);
    await until(() => !existsSync(onDisk) && !existsSync(`${onDisk}-thumbnail`));

    const doomed = (await as(alice).post<Room>('/api/rooms', { name: 'Doomed', visibility: 'private' })).body;
    const kept = (await upload(base(), alice.accessToken, doomed.id, Buffer.from('bytes'), 'k.txt')).body;
    const keptOnDisk = join(suite.dataDir, 'attachments', 'rooms', doomed.id, kept.id);
    expect(existsSync(keptOnDisk)).toBe(true);
    expect((await as(alice).delete(`/api/rooms/${doomed.id}`)).status).toBe(204);
    expect((await as(alice).get(`/api/attachments/${kept.id}`)).status).toBe(404);
    await until(() => !existsSync(keptOnDisk));
  });
});

/** Waits for a condition that a background pass makes true (the sweep), with a deadline. */
async function until(condition: () => boolean, deadlineMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > deadlineMs) throw new Error('the condition did not become true in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
