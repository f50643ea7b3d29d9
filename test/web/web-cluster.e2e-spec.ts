import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Message, Page as ListPage, Room } from '@chat/contracts';
import { gatewayFor, type Cluster } from '@chat/local-cluster';
import { RecordingClient } from '@chat/recording-client';
import { HttpClient } from '@chat/testing';
import { GATEWAYS, startFaultCluster } from '../faults/support/fault-cluster';
import { launchChromium, PageDiagnostics } from '../support/browser';
import { registerUser, PASSWORD, uniqueName } from '../support/users';

function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * The web client as a browser meets a real deployment: served by nginx (deploy/nginx/web.conf) in
 * front of three gateways, chatting with a client that nginx hashed to another gateway (so every
 * message crosses Redis), and carrying on after its own gateway is killed.
 */
describe('web client (Chromium) through nginx in front of the local cluster', () => {
  let cluster: Cluster;
  let browser: Browser;
  let page: Page;
  let diagnostics: PageDiagnostics;
  let bob: RecordingClient;
  let browserGateway: string;
  let room: Room;
  const roomName = `cluster lobby ${Date.now().toString(36)}`;
  const bodies = () => page.getByTestId('message-body');
  /** On failure: what the page saw, and the last lines of the balancer's and services' logs. */
  const explain = <T>(step: () => Promise<T>) =>
    diagnostics.explain(page, step, () =>
      cluster.names
        .filter((name) => name !== 'redis' && name !== 'mongo')
        .map((name) => `--- ${name} log (tail):\n${tail(cluster.info(name).logFile)}`)
        .join('\n'),
    );

  beforeAll(async () => {
    cluster = await startFaultCluster('web_cluster');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    diagnostics = new PageDiagnostics(page);
  }, 90_000);

  afterAll(async () => {
    bob?.close();
    await browser?.close();
    await cluster?.stop();
  }, 60_000);

  it('serves the page from nginx, and the browser chats with a user on another gateway both ways', async () => {
    await page.goto(cluster.url);
    await page.getByTestId('auth-toggle').click();
    await page.locator('input[name=username]').fill(uniqueName('alice'));
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await explain(() => page.locator('[data-testid=connection][data-state=connected]').waitFor());
    await page.getByTestId('new-room').click();
    await page.getByTestId('room-name').fill(roomName);
    await page.getByTestId('create-room-submit').click();
    await page.getByTestId('room-title').filter({ hasText: roomName }).waitFor();

    // Bob joins over HTTP and connects from an address that nginx sends to another gateway.
    browserGateway = await gatewayFor(cluster, '127.0.0.1', GATEWAYS);
    let bobAddress = '';
    for (let host = 2; !bobAddress; host++)
      if ((await gatewayFor(cluster, `127.0.0.${host}`, GATEWAYS)) !== browserGateway)
        bobAddress = `127.0.0.${host}`;
    const http = new HttpClient(cluster.url);
    const session = await registerUser(http, uniqueName('bob'));
    const api = http.withToken(session.accessToken);
    const found = await api.get<ListPage<Room>>(`/api/rooms?scope=public&q=${encodeURIComponent(roomName)}`);
    room = found.body.items.find((candidate) => candidate.name === roomName)!;
    expect((await api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    bob = new RecordingClient({
      baseUrl: cluster.url,
      clientId: 'bob',
      session,
      localAddress: bobAddress,
    });
    await bob.open();
    await bob.join(room.id);

    const fromBrowser = bob.firstLive(
      (message: Message) => message.body === 'hello from the browser',
      10_000,
    );
    await page.getByTestId('composer').fill('hello from the browser');
    await page.getByTestId('send').click();
    await fromBrowser;
    await bob.send(room.id, 'bob-message-1', 'hello from another gateway');
    await bodies().filter({ hasText: 'hello from another gateway' }).waitFor({ timeout: 10_000 });
  }, 60_000);

  it("keeps chatting after the browser's gateway is killed: it reconnects through nginx and catches up", async () => {
    expect(browserGateway).toBeDefined();
    await cluster.kill(browserGateway);
    // Sent while the browser is between gateways: it must arrive through the catch-up, once.
    await bob.send(room.id, 'bob-message-2', 'sent while you were away');
    await explain(async () => {
      await bodies().filter({ hasText: 'sent while you were away' }).waitFor({ timeout: 20_000 });
      // The client says so: `resumed` is a reconnect whose rooms were caught up with sinceSeq.
      await page.locator('[data-testid=connection][data-state=resumed]').waitFor({ timeout: 20_000 });
    });
    const afterwards = bob.firstLive(
      (message: Message) => message.body === 'back on another gateway',
      15_000,
    );
    await page.getByTestId('composer').fill('back on another gateway');
    await page.getByTestId('send').click();
    await afterwards;
    expect(await bodies().filter({ hasText: 'sent while you were away' }).count()).toBe(1);
  }, 60_000);
});
