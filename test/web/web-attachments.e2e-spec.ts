import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, PageDiagnostics, registerInBrowser } from '../support/browser';
import { SOCKET_TEST_ENV } from '../support/gateway-processes';
import { standaloneForSuite } from '../support/standalone-process';
import { PASSWORD, uniqueName } from '../support/users';

const ROOT = resolve(__dirname, '../..');
/** Committed: README shows it. Rewritten only on request, so a test run leaves the tree clean. */
const SCREENSHOT = join(ROOT, 'docs/images/attachments.png');
/** A 1×1 PNG, as a clipboard holds a copied image. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * Attachments in the web client, in Chromium against the built standalone server: one user attaches an
 * image through the file picker and sends it; the other sees its preview load through a token-free
 * link and downloads the original, byte for byte.
 */
describe('web client: attachments (Chromium against the standalone server)', () => {
  const suite = standaloneForSuite('web-attachments', SOCKET_TEST_ENV);
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const diagnostics = new Map<Page, PageDiagnostics>();

  async function openPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    diagnostics.set(page, new PageDiagnostics(page));
    await page.goto(suite.http.baseUrl);
    return page;
  }

  const register = (page: Page, username: string) =>
    registerInBrowser(page, diagnostics.get(page)!, username, PASSWORD);

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });

  it('lets one user attach an image and the other see its preview and download the original', async () => {
    const image = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 38, g: 70, b: 83 } },
    })
      .composite([
        {
          input: await sharp({ create: { width: 400, height: 300, channels: 3, background: '#e9c46a' } })
            .png()
            .toBuffer(),
          top: 150,
          left: 200,
        },
      ])
      .png()
      .toBuffer();
    const alice = await openPage({ width: 1000, height: 700 });
    const bob = await openPage({ width: 1000, height: 700 });
    const roomName = `photos ${Date.now().toString(36)}`;
    await register(alice, uniqueName('alice'));
    await register(bob, uniqueName('bob'));
    await alice.getByTestId('new-room').click();
    await alice.getByTestId('room-name').fill(roomName);
    await alice.getByTestId('create-room-submit').click();
    await alice.getByTestId('room-title').filter({ hasText: roomName }).waitFor();
    await bob.getByTestId('open-directory').click();
    await bob
      .getByTestId('directory')
      .locator('li', { hasText: roomName })
      .getByTestId('directory-join')
      .click();
    await bob.getByTestId('room-title').filter({ hasText: roomName }).waitFor();

    // The attach button opens the system's file picker.
    const [chooser] = await Promise.all([
      alice.waitForEvent('filechooser'),
      alice.getByTestId('attach').click(),
    ]);
    await chooser.setFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: image });
    await alice.locator('[data-testid=upload][data-done=true]').waitFor();
    expect(
      await alice
        .getByTestId('upload-progress')
        .evaluate((bar) => (bar as unknown as { value: number }).value),
    ).toBe(image.length);
    // Browsers upload through XMLHttpRequest: the one API that reports an upload's progress.
    const initiators = await alice.evaluate<string[]>(
      `performance.getEntriesByType('resource').filter((e) => e.name.includes('/attachments')).map((e) => e.initiatorType)`,
    );
    expect(initiators).toEqual(['xmlhttprequest']);
    await alice.getByTestId('composer').fill('the view from the office');
    await alice.getByTestId('send').click();

    const preview = bob.getByTestId('attachment-preview');
    await diagnostics.get(bob)!.explain(bob, () => preview.waitFor());
    // Loaded, decoded and drawn: the image's own width, the 320 px preview of an 800 px original.
    await bob.waitForFunction(
      `(() => { const img = document.querySelector('img[data-testid=attachment-preview]');
        return img !== null && img.complete && img.naturalWidth > 0; })()`,
    );
    expect(await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
      320,
    );
    const src = (await preview.getAttribute('src'))!;
    expect(src).toContain('signature=');
    // The session's access token (a JWT kept in localStorage) is nowhere in the URL.
    const stored = await bob.evaluate<string>('Object.values(localStorage).join(" ")');
    const accessToken = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(stored)?.[0];
    expect(accessToken).toBeDefined();
    expect(src).not.toContain(accessToken);
    expect(src).not.toContain('eyJ');

    const [download] = await Promise.all([
      bob.waitForEvent('download'),
      bob.getByTestId('attachment-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('harbour.png');
    expect((await readFile(await download.path())).equals(image)).toBe(true);

    // A file dropped onto the composer goes with a message of no text.
    const dropped = await alice.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['minutes of the meeting'], 'minutes.txt', { type: 'text/plain' }));
      return transfer;
    })()`);
    await alice.getByTestId('composer-form').dispatchEvent('drop', { dataTransfer: dropped });
    await alice.locator('[data-testid=upload][data-done=true]').waitFor();
    await alice.getByTestId('send').click();
    const link = bob.getByTestId('attachment-download').filter({ hasText: 'minutes.txt' });
    await link.waitFor();
    const [text] = await Promise.all([bob.waitForEvent('download'), link.click()]);
    expect(await readFile(await text.path(), 'utf8')).toBe('minutes of the meeting');

    // An image pasted into the message box is attached; the text typed beside it stays text.
    await alice.getByTestId('composer').fill('pasted');
    await alice.evaluate(`(() => {
      const input = document.querySelector('[data-testid=composer]');
      const transfer = new DataTransfer();
      const pixel = Uint8Array.from(atob('${ONE_PIXEL_PNG}'), (c) => c.charCodeAt(0));
      transfer.items.add(new File([pixel], 'image.png', { type: 'image/png' }));
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    })()`);
    await diagnostics
      .get(alice)!
      .explain(alice, () => alice.locator('[data-testid=upload][data-done=true]').waitFor());
    await alice.getByTestId('send').click();
    const pasted = bob.getByTestId('message').filter({ hasText: 'pasted' });
    await pasted.getByTestId('attachment-download').filter({ hasText: 'image.png' }).waitFor();
    await pasted.getByTestId('attachment-preview').waitFor();

    if (process.env.UPDATE_SCREENSHOTS === '1') await bob.screenshot({ path: SCREENSHOT });
  }, 40_000);
});
