import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PushNotificationPayload, RoomNotifications } from '@chat/contracts';
import { CHROMIUM, launchChromium, PageDiagnostics, registerInBrowser } from '../support/browser';
import { SOCKET_TEST_ENV } from '../support/gateway-processes';
import { standaloneForSuite } from '../support/standalone-process';
import { loginUser, PASSWORD, uniqueName } from '../support/users';

const ROOT = resolve(__dirname, '../..');
const WEB_BUILD = join(ROOT, 'dist/web/index.html');

/**
 * The web client's side of push notifications, in Chromium against the built standalone server: the
 * service worker registers and activates under the client's CSP, and the room header's notification level
 * shows the server's value and saves a change to it. Subscribing (the "Enable notifications" button) needs
 * a real push service, which this closed network does not have, so it is not exercised here.
 */
describe('web client: service worker and notification levels (Chromium against the standalone server)', () => {
  const suite = standaloneForSuite('web-push', SOCKET_TEST_ENV);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let diagnostics: PageDiagnostics;

  beforeAll(async () => {
    for (const [what, path] of [
      ['the web build (npm run build:web)', WEB_BUILD],
      ['Chromium (apt-get install -y chromium)', CHROMIUM],
    ])
      if (!existsSync(path)) throw new Error(`${path} is missing: ${what}`);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    page = await context.newPage();
    diagnostics = new PageDiagnostics(page);
  }, 30_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
  });

  it('serves /sw.js as JavaScript that browsers revalidate, under the same CSP', async () => {
    const response = await fetch(`${suite.http.baseUrl}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('registers the service worker at start, and it becomes active for the whole origin', async () => {
    await page.goto(suite.http.baseUrl);
    const active = await diagnostics.explain(page, () =>
      page.evaluate<{ scriptURL: string; scope: string } | null>(
        `navigator.serviceWorker.ready.then((registration) =>
          registration.active && { scriptURL: registration.active.scriptURL, scope: registration.scope })`,
      ),
    );
    expect(active?.scriptURL).toBe(`${suite.http.baseUrl}/sw.js`);
    expect(active?.scope).toBe(`${suite.http.baseUrl}/`);
  });

  it("shows a room's notification level from the server and saves a change to it", async () => {
    const username = uniqueName('pusher');
    const roomName = `alerts ${Date.now().toString(36)}`;
    await registerInBrowser(page, diagnostics, username, PASSWORD);
    await page.getByTestId('new-room').click();
    await page.getByTestId('room-name').fill(roomName);
    await page.getByTestId('create-room-submit').click();
    await page.getByTestId('room-title').filter({ hasText: roomName }).waitFor();
    const roomId = (await page.locator('[data-testid=room-item].active').getAttribute('data-room-id'))!;
    const api = suite.http.withToken((await loginUser(suite.http, username)).accessToken);
    const levelOnServer = async () =>
      (await api.get<RoomNotifications>(`/api/rooms/${roomId}/notifications`)).body.level;

    // A new room's level, whatever the server's default.
    await diagnostics.explain(page, () =>
      page.locator('[data-testid=notification-level][data-level]').waitFor(),
    );
    expect(await page.getByTestId('notification-level').inputValue()).toBe(await levelOnServer());

    // Changed elsewhere (another device), then the room opened in a new window through a link, as a
    // notification's click opens it: the select shows the server's level.
    const put = await api.send<RoomNotifications>('PUT', `/api/rooms/${roomId}/notifications`, {
      level: 'none',
    });
    expect(put.status).toBe(200);
    const linked = await context.newPage();
    const linkedDiagnostics = new PageDiagnostics(linked);
    await linked.goto(`${suite.http.baseUrl}/#room=${encodeURIComponent(roomId)}`);
    const linkedSelect = linked.getByTestId('notification-level');
    await linkedDiagnostics.explain(linked, async () => {
      await linked.getByTestId('room-title').filter({ hasText: roomName }).waitFor();
      await linked.locator('[data-testid=notification-level][data-level=none]').waitFor();
    });
    expect(await linkedSelect.inputValue()).toBe('none');
    // The link is followed once: it does not pin the room for a later reload.
    expect(new URL(linked.url()).hash).toBe('');

    // Changed here: saved on the server.
    const saved = linked.waitForResponse(
      (response) =>
        response.request().method() === 'PUT' && response.url().endsWith(`/rooms/${roomId}/notifications`),
    );
    await linkedSelect.selectOption('all');
    expect((await saved).status()).toBe(200);
    expect(await levelOnServer()).toBe('all');
    await linked.locator('[data-testid=notification-level][data-level=all]').waitFor();
    await linked.close();
  }, 60_000);

  it('shows a push as one notification per room, skipping a redelivery', async () => {
    const origin = suite.http.baseUrl;
    await context.grantPermissions(['notifications'], { origin });
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((found) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
        if (ours) found(ours.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const push = async (payload: PushNotificationPayload) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId: await registrationId,
        data: JSON.stringify(payload),
      });
    const shown = (tag: string) =>
      page.evaluate<{ title: string; body: string; data: unknown }[]>(
        `navigator.serviceWorker.ready
          .then((registration) => registration.getNotifications({ tag: ${JSON.stringify(tag)} }))
          .then((list) => list.map((n) => ({ title: n.title, body: n.body, data: n.data })))`,
      );
    // Nothing in the page announces a shown notification, so this polls the worker's list of them.
    const waitForBody = (tag: string, body: string) =>
      page.evaluate(
        `(async () => {
          const registration = await navigator.serviceWorker.ready;
          for (const deadline = Date.now() + 10000; Date.now() < deadline; ) {
            const list = await registration.getNotifications({ tag: ${JSON.stringify(tag)} });
            if (list.some((n) => n.body === ${JSON.stringify(body)})) return;
            await new Promise((next) => setTimeout(next, 50));
          }
          throw new Error('no notification ' + ${JSON.stringify(`${tag}: ${body}`)});
        })()`,
      );
    const base: PushNotificationPayload = {
      v: 1,
      id: 'msg1:sub1',
      roomId: 'room-a',
      roomName: 'Harbour',
      messageId: 'msg1',
      seq: 1,
      senderId: 'u1',
      senderName: 'Ann',
      count: 1,
      reason: 'mention',
      preview: 'see you at the dock',
    };

    await push(base);
    await waitForBody('room:room-a', 'see you at the dock');
    // A redelivery of the same notification must not replace what is shown; a push for another room,
    // delivered after it, marks when the worker has handled it.
    await push({ ...base, preview: 'redelivered' });
    await push({
      ...base,
      id: 'msg9:sub1',
      roomId: 'room-b',
      roomName: null,
      reason: 'direct',
      preview: null,
      count: 3,
    });
    await waitForBody('room:room-b', '3 new messages');
    expect(await shown('room:room-a')).toEqual([
      { title: 'Harbour', body: 'see you at the dock', data: { id: 'msg1:sub1', roomId: 'room-a' } },
    ]);
    expect((await shown('room:room-b')).map((n) => n.title)).toEqual(['Ann']);

    // The next coalesced notification of the room replaces the first.
    await push({ ...base, id: 'msg2:sub1', messageId: 'msg2', seq: 2, preview: 'running late' });
    await waitForBody('room:room-a', 'running late');
    expect(await shown('room:room-a')).toHaveLength(1);
  });
});
