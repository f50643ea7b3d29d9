import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachmentUrl, Room, Session } from '@chat/contracts';
import { Cluster } from '@chat/local-cluster';
import { freePort } from '@chat/platform/runtime';
import { HttpClient, mongoUrlFor } from '@chat/testing';
import { upload } from '../support/uploads';
import { registerUser, uniqueName } from '../support/users';

/**
 * The local cluster's default fs store behind its nginx: both rooms replicas share one folder and one
 * link secret, so whichever replica took an upload, the other serves it and checks its links.
 */
describe('local cluster: attachments across rooms replicas', () => {
  let cluster: Cluster;
  let runDir: string;
  let alice: Session;
  let room: Room;

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'chat-cluster-attachments-'));
    cluster = new Cluster({
      port: await freePort(),
      runDir,
      mongoUrl: mongoUrlFor('deploy_cluster_attachments'),
      logLevel: 'warn',
      auth: 1,
      rooms: 2,
      gateways: 1,
    });
    await cluster.start();
    const http = new HttpClient(cluster.url);
    alice = await registerUser(http, uniqueName('alice'));
    room = (
      await http
        .withToken(alice.accessToken)
        .post<Room>('/api/rooms', { name: 'Files', visibility: 'private' })
    ).body;
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  });

  it('serves an upload made through nginx, and links signed by one replica, from either replica', async () => {
    // 300 KB: over the 64 KB that every other route allows, so it went through the upload route.
    const bytes = Buffer.alloc(300 * 1024, 7);
    const uploaded = await upload(cluster.url, alice.accessToken, room.id, bytes, 'notes.bin');
    expect({ status: uploaded.status, body: uploaded.body }).toEqual(
      expect.objectContaining({ status: 201 }),
    );
    const { id } = uploaded.body;

    const [first, second] = ['rooms-1', 'rooms-2'].map((name) =>
      new HttpClient(cluster.directUrl(name)).withToken(alice.accessToken),
    );
    for (const replica of [first, second]) {
      const response = await fetch(`${replica.baseUrl}/api/attachments/${id}`, {
        headers: { authorization: `Bearer ${alice.accessToken}` },
      });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }

    const link = await first.get<AttachmentUrl>(`/api/attachments/${id}/link?variant=original`);
    expect(link.status).toBe(200);
    // A same-origin path with the fs store; fetched without the token from the other replica.
    expect(link.body.url).toMatch(/^\/api\/attachments\//);
    const viaOther = await fetch(`${second.baseUrl}${link.body.url}`);
    expect(viaOther.status).toBe(200);
    expect(Buffer.from(await viaOther.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
