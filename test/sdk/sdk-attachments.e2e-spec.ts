import sharp from 'sharp';
import { ChatApiError, ChatClient, type UploadProgress } from '@chat/client-sdk';
import type { Message, Room } from '@chat/contracts';
import { standaloneForSuite } from '../support/standalone-process';
import { PASSWORD, uniqueName } from '../support/users';

/**
 * The SDK's attachment calls against the built single process: upload with progress, send by id,
 * another member's live and historical view, token-free links, downloads and the image preview.
 */
describe('SDK: attachments', () => {
  const suite = standaloneForSuite('sdk-attachments');
  let alice: ChatClient;
  let bob: ChatClient;
  let room: Room;

  beforeAll(async () => {
    alice = new ChatClient({ baseUrl: suite.http.baseUrl });
    bob = new ChatClient({ baseUrl: suite.http.baseUrl });
    await alice.register(uniqueName('alice'), PASSWORD);
    const bobUser = await bob.register(uniqueName('bob'), PASSWORD);
    room = await alice.api.createRoom({ name: 'files', visibility: 'private' });
    await alice.api.addMember(room.id, bobUser.id);
    alice.connect();
    bob.connect();
    await Promise.all([alice.join(room.id), bob.join(room.id)]);
  });

  afterAll(() => {
    alice?.close();
    bob?.close();
  });

  it('uploads an image with progress, sends it, and shows it to another member live and in history', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a9d8f' } })
      .png()
      .toBuffer();
    const progress: UploadProgress[] = [];
    const attachment = await alice.api.uploadAttachment(
      room.id,
      { name: 'chart.png', data: png, contentType: 'image/png' },
      { onProgress: (event) => progress.push(event) },
    );
    expect(attachment).toMatchObject({
      roomId: room.id,
      name: 'chart.png',
      contentType: 'image/png',
      size: png.length,
      width: 800,
      height: 600,
    });
    expect(progress[0]).toEqual({ loaded: 0, total: png.length });
    expect(progress.at(-1)).toEqual({ loaded: png.length, total: png.length });

    const live = new Promise<Message>((resolve) =>
      bob.on('message', (message) => message.clientMsgId === 'with-a-chart' && resolve(message)),
    );
    const sent = await alice.send(room.id, '', 'with-a-chart', { attachmentIds: [attachment.id] });
    expect(sent.attachments).toEqual([attachment]);
    expect((await live).attachments).toEqual([attachment]);
    const history = await bob.history(room.id, { limit: 10 });
    expect(history.items.find((message) => message.id === sent.id)?.attachments).toEqual([attachment]);

    // The link works without any token, and is absolute.
    const link = await bob.api.attachmentLink(attachment.id);
    expect(link.url.startsWith(suite.http.baseUrl)).toBe(true);
    const viaLink = await fetch(link.url);
    expect(viaLink.status).toBe(200);
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(png)).toBe(true);

    const original = await bob.api.downloadAttachment(attachment.id);
    expect(original.contentType).toBe('image/png');
    expect(Buffer.from(original.data).equals(png)).toBe(true);

    const thumbnail = await bob.api.downloadAttachment(attachment.id, 'thumbnail');
    expect(thumbnail.contentType).toBe('image/webp');
    const { width, height, format } = await sharp(Buffer.from(thumbnail.data)).metadata();
    expect(format).toBe('webp');
    expect(Math.max(width, height)).toBeLessThanOrEqual(320);
    const thumbnailLink = await bob.api.attachmentLink(attachment.id, 'thumbnail');
    expect((await fetch(thumbnailLink.url)).headers.get('content-type')).toBe('image/webp');
  }, 30_000);

  it('answers a bad upload and a stranger with typed errors', async () => {
    // (An early 413 is not tested through Node's fetch: undici fails the whole request with a network
    // error when the server closes the connection before the body is sent; see docs/clients.md.)
    const empty = { name: 'empty.txt', data: new Uint8Array(0) };
    await expect(alice.api.uploadAttachment(room.id, empty)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
    const stranger = new ChatClient({ baseUrl: suite.http.baseUrl });
    await stranger.register(uniqueName('eve'), PASSWORD);
    const refused = await stranger.api
      .uploadAttachment(room.id, new Blob([new Uint8Array([1, 2, 3])]))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChatApiError);
    expect([403, 404]).toContain((refused as ChatApiError).status);
    stranger.close();
  }, 30_000);
});
