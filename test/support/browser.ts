import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const WEB_BUILD = resolve(__dirname, '../../dist/web/index.html');

/**
 * Debian's Chromium as root, headless, on a machine with no outside network. Without the
 * background-networking flags Chromium keeps dialling Google's services, and on a closed network those
 * refused connections crowd the very requests a test waits for.
 */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * For the web client's tests: fails at once, saying what to install or build, when the web build or
 * Chromium is missing. playwright-core gives every launch a fresh temporary profile directory of its own.
 */
export function launchChromium(): Promise<Browser> {
  for (const [what, path] of [
    ['the web build (npm run build:web)', WEB_BUILD],
    ['Chromium (apt-get install -y chromium)', CHROMIUM],
  ])
    if (!existsSync(path)) throw new Error(`${path} is missing: ${what}`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * What a page said while a test drove it: console errors, uncaught exceptions, failed requests and
 * error responses. A browser test that times out waiting for the page prints this, so a failure in CI
 * says why (a 5xx from the API, a refused socket) instead of only "Timeout 30000ms exceeded".
 */
export class PageDiagnostics {
  private readonly lines: string[] = [];

  constructor(page: Page) {
    const note = (line: string) => this.lines.push(`${new Date().toISOString()} ${line}`);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        note(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) =>
      note(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400)
        note(`response ${response.status()}: ${response.request().method()} ${response.url()}`);
    });
    page.on('websocket', (socket) => {
      note(`websocket opened: ${socket.url()}`);
      socket.on('close', () => note(`websocket closed: ${socket.url()}`));
      socket.on('socketerror', (error) => note(`websocket error: ${socket.url()}: ${error}`));
    });
  }

  /** Runs a step; if it throws, the error carries what the page said and the page's visible state. */
  async explain<T>(page: Page, step: () => Promise<T>, extra: () => string = () => ''): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const visible = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch(() => '(page text unavailable)');
      const state = await page
        .getByTestId('connection')
        .getAttribute('data-state', { timeout: 2_000 })
        .catch(() => '(none)');
      const report = [
        `connection state: ${state}`,
        `page text:\n${visible.slice(0, 2_000)}`,
        `page events:\n${this.lines.slice(-60).join('\n') || '(none)'}`,
        extra(),
      ].join('\n\n');
      throw new Error(`${(error as Error).message}\n\n${report}`);
    }
  }
}

/** Registers through the web client's own form and waits for the connected socket. */
export async function registerInBrowser(
  page: Page,
  diagnostics: PageDiagnostics,
  username: string,
  password: string,
): Promise<void> {
  await page.getByTestId('auth-toggle').click();
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByTestId('auth-submit').click();
  await diagnostics.explain(page, async () => {
    await page.getByTestId('logout').waitFor();
    await page.locator('[data-testid=connection][data-state=connected]').waitFor();
  });
}
