import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@chat/platform/runtime';
import { httpReady, ManagedProcess } from '@chat/local-cluster';
import { launchChromium, PageDiagnostics, registerInBrowser } from '../support/browser';
import { LOG_DIR, SOCKET_TEST_ENV } from '../support/gateway-processes';
import { PASSWORD, uniqueName } from '../support/users';

const ROOT = resolve(__dirname, '../..');
const STANDALONE = join(ROOT, 'dist/apps/standalone/src/main.js');
const SCREENSHOTS = join(ROOT, 'artifacts/screenshots');
const XSS = '<img src=x onerror=alert(1)>';

/**
 * The web client in a real browser (Debian's Chromium through playwright-core), served by the built
 * standalone server: two users chat both ways, typing, reload, text-only rendering, and resume
 * after the server restarts on the same port and data folder.
 */
describe('web client (Chromium against the standalone server)', () => {
  let port: number;
  let url: string;
  let dataDir: string;
  let server: ManagedProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  const diagnostics = new Map<Page, PageDiagnostics>();
  const alice = { name: uniqueName('alice'), page: undefined as unknown as Page };
  const bob = { name: uniqueName('bob'), page: undefined as unknown as Page };
  const roomName = `lobby ${Date.now().toString(36)}`;

  function startServer(): Promise<void> {
    server = new ManagedProcess({
      name: 'standalone-web',
      command: process.execPath,
      args: [STANDALONE],
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...SOCKET_TEST_ENV },
      ready: () => httpReady(`${url}/readyz`),
      logFile: join(LOG_DIR, 'standalone-web.log'),
    });
    return server.start();
  }

  async function openPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    diagnostics.set(page, new PageDiagnostics(page));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url);
    return page;
  }

  const register = (page: Page, username: string) =>
    registerInBrowser(page, diagnostics.get(page)!, username, PASSWORD);

  const messageBodies = (page: Page) => page.getByTestId('message-body');
  const screenshot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  beforeAll(async () => {
    if (!existsSync(STANDALONE))
      throw new Error(`${STANDALONE} is missing: the standalone build (npm run build)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'chat-web-'));
    await startServer();
    browser = await launchChromium();
    alice.page = await openPage({ width: 1200, height: 800 });
    bob.page = await openPage({ width: 390, height: 844 });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop('SIGKILL');
  });

  it('serves the client at / with a Content-Security-Policy, without shadowing the API', async () => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${url}/api/auth/me`)).status).toBe(401);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('lets two users register, share a room and chat both ways', async () => {
    await register(alice.page, alice.name);
    await register(bob.page, bob.name);

    await alice.page.getByTestId('new-room').click();
    await alice.page.getByTestId('room-name').fill(roomName);
    await alice.page.getByTestId('create-room-submit').click();
    await alice.page.getByTestId('room-title').filter({ hasText: roomName }).waitFor();

    await bob.page.getByTestId('open-directory').click();
    await bob.page.getByTestId('directory').getByText(roomName).waitFor();
    await bob.page
      .getByTestId('directory')
      .locator('li', { hasText: roomName })
      .getByTestId('directory-join')
      .click();
    await bob.page.getByTestId('room-title').filter({ hasText: roomName }).waitFor();

    await alice.page.getByTestId('composer').fill('hello bob');
    await alice.page.getByTestId('send').click();
    await messageBodies(bob.page).filter({ hasText: 'hello bob' }).waitFor();

    await bob.page.getByTestId('composer').fill('hi alice, from my phone');
    await bob.page.getByTestId('composer').press('Enter');
    await messageBodies(alice.page).filter({ hasText: 'hi alice, from my phone' }).waitFor();
    await messageBodies(bob.page).filter({ hasText: 'hi alice, from my phone' }).waitFor();
  });

  it('highlights a mention of the reader, and only for that reader', async () => {
    await alice.page.getByTestId('composer').fill(`ping @${bob.name}, look`);
    await alice.page.getByTestId('send').click();
    const atBob = bob.page.locator('[data-testid=message][data-mentions-me=true]', { hasText: 'look' });
    await atBob.waitFor();
    expect(await atBob.getByTestId('mention').textContent()).toBe(`@${bob.name}`);
    await messageBodies(alice.page).filter({ hasText: 'look' }).waitFor();
    expect(await alice.page.locator('[data-mentions-me=true]').count()).toBe(0);
  });

  it('shows typing while the other user types, and clears it', async () => {
    const typing = alice.page.getByTestId('typing');
    await bob.page.getByTestId('composer').fill('I am typ');
    await expectText(typing, /is typing/);
    await bob.page.getByTestId('composer').fill('');
    await expectText(typing, /^$/);
  });

  it('renders a message that looks like HTML as text, and no dialog fires', async () => {
    await alice.page.getByTestId('composer').fill(XSS);
    await alice.page.getByTestId('send').click();
    const shown = messageBodies(bob.page).filter({ hasText: XSS });
    await shown.waitFor();
    expect(await shown.textContent()).toBe(XSS);
    expect(await bob.page.getByTestId('messages').locator('img').count()).toBe(0);
    expect(await alice.page.getByTestId('messages').locator('img').count()).toBe(0);
    await bob.page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await screenshot(alice.page, 'chat-desktop');
    await screenshot(bob.page, 'chat-phone');
  });

  it('keeps the session and the history across a reload', async () => {
    await bob.page.reload();
    await bob.page.getByTestId('logout').waitFor();
    await bob.page.getByTestId('room-item').filter({ hasText: roomName }).click();
    await messageBodies(bob.page).filter({ hasText: 'hello bob' }).waitFor();
    await messageBodies(bob.page).filter({ hasText: XSS }).waitFor();
    expect(await messageBodies(bob.page).allTextContents()).toEqual([
      'hello bob',
      'hi alice, from my phone',
      `ping @${bob.name}, look`,
      XSS,
    ]);
    // The highlight comes back with the history: it is the server's resolved mention, not local state.
    await bob.page.locator('[data-mentions-me=true]', { hasText: 'look' }).waitFor();
    expect(dialogs).toEqual([]);
  });

  it('resumes after the server restarts, and the chat goes on both ways', async () => {
    await bob.page.locator('[data-testid=connection][data-state=connected]').waitFor();
    expect(await server.stop('SIGTERM')).toBe(0);
    await alice.page.locator('[data-testid=connection][data-state=reconnecting]').waitFor();
    await screenshot(alice.page, 'reconnecting');
    await startServer();
    await alice.page.locator('[data-testid=connection][data-state=resumed]').waitFor({ timeout: 20_000 });
    await bob.page.locator('[data-testid=connection][data-state=resumed]').waitFor({ timeout: 20_000 });

    await alice.page.getByTestId('composer').fill('after the restart');
    await alice.page.getByTestId('send').click();
    await messageBodies(bob.page).filter({ hasText: 'after the restart' }).waitFor();
    await bob.page.getByTestId('composer').fill('still here');
    await bob.page.getByTestId('composer').press('Enter');
    await messageBodies(alice.page).filter({ hasText: 'still here' }).waitFor();
    await screenshot(alice.page, 'resumed');
  }, 60_000);
});

async function expectText(locator: ReturnType<Page['getByTestId']>, pattern: RegExp, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = ((await locator.textContent()) ?? '').trim();
    if (pattern.test(text)) return;
    await sleep(100);
  }
  throw new Error(`expected ${pattern}, saw "${text}"`);
}
