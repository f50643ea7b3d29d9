import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PushNotificationPayload, RoomNotifications } from '@chat/contracts';
import { launchChromium, PageDiagnostics, registerInBrowser } from '../support/browser';
import { SOCKET_TEST_ENV } from '../support/gateway-processes';
import { standaloneForSuite } from '../support/standalone-process';
import { loginUser, PASSWORD, uniqueName } from '../support/users';

/**
 * The web client's side of push notifications, in Chromium against the built standalone server: the
 * service worker registers and activates under the client's CSP, and the room header's notification level
 * shows the server's value and saves a change to it, also in a window opened through a `#room=` link; a push
 * handed to the worker through DevTools shows as its room's notification. Subscribing (the "Enable
 * notifications" button) needs a push service, which headless Chromium refuses and this closed network
 * lacks, so it is not exercised here.
 */
describe('web client: notifications (Chromium against the standalone server)', () => {
  const suite = standaloneForSuite('web-push', SOCKET_TEST_ENV);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let diagnostics: PageDiagnostics;

  beforeAll(async () => {
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

  it("shows each push as its room's notification, replacing the previous one and skipping a redelivery", async () => {
    const origin = suite.http.baseUrl;
    await context.grantPermissions(['notifications'], { origin });
    // Pushes come through DevTools, as no push service is reachable here: the worker's own handler runs.
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
    // Chromium's getNotifications() loses a notification whose showNotification() it overlaps, so the test
    // does not poll it: a spy in the worker records each notification once shown, and the test waits on that.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(`(() => {
      const registration = self.registration;
      const show = registration.showNotification.bind(registration);
      self.shownIds = [];
      registration.showNotification = (title, options) =>
        show(title, options).then(() => void self.shownIds.push(options.data.id));
    })()`);
    const shownIds = () => worker.evaluate<string[]>('self.shownIds');
    const waitUntilShown = (id: string) =>
      worker.evaluate(`(async () => {
        for (const deadline = Date.now() + 10000; Date.now() < deadline; ) {
          if (self.shownIds.includes(${JSON.stringify(id)})) return;
          await new Promise((next) => setTimeout(next, 20));
        }
        throw new Error('the worker showed no notification ' + ${JSON.stringify(id)});
      })()`);
    const notifications = (roomId: string) =>
      page.evaluate<{ title: string; body: string; data: unknown }[]>(
        `navigator.serviceWorker.ready
          .then((registration) => registration.getNotifications({ tag: ${JSON.stringify(`room:${roomId}`)} }))
          .then((list) => list.map((n) => ({ title: n.title, body: n.body, data: n.data })))`,
      );
    const first: PushNotificationPayload = {
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

    // The worker handles pushes in order, so once the direct room's notification is shown, the
    // redelivery before it has been handled too.
    await push(first);
    await push({ ...first, preview: 'redelivered' });
    await push({
      ...first,
      id: 'msg9:sub1',
      roomId: 'room-b',
      roomName: null,
      reason: 'direct',
      preview: null,
      count: 3,
    });
    await waitUntilShown('msg9:sub1');
    expect(await shownIds()).toEqual(['msg1:sub1', 'msg9:sub1']);
    expect(await notifications('room-a')).toEqual([
      { title: 'Harbour', body: 'see you at the dock', data: { id: 'msg1:sub1', roomId: 'room-a' } },
    ]);
    expect(await notifications('room-b')).toEqual([
      { title: 'Ann', body: '3 new messages', data: { id: 'msg9:sub1', roomId: 'room-b' } },
    ]);

    // The room's next notification replaces its first.
    await push({ ...first, id: 'msg2:sub1', messageId: 'msg2', seq: 2, preview: 'running late' });
    await waitUntilShown('msg2:sub1');
    expect((await notifications('room-a')).map((n) => n.body)).toEqual(['running late']);
  });
});
