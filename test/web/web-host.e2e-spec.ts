import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { httpReady, ManagedProcess } from '@chat/local-cluster';
import { eventually } from '../support/sockets';

const WEB_HOST = resolve(__dirname, '../../dist/apps/web-host/src/main.js');
const DRAIN_DELAY_MS = 1_500;

/**
 * The Helm chart's `web` component: the built web-host app serving dist/web with the client's headers,
 * its probes and metrics, and a drain that turns unready before it stops accepting.
 */
describe('web host (the chart’s web component)', () => {
  let host: ManagedProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    host = new ManagedProcess({
      name: 'web-host',
      command: process.execPath,
      args: [WEB_HOST],
      env: { PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DRAIN_DELAY_MS: String(DRAIN_DELAY_MS) },
      ready: () => httpReady(`${url}/readyz`),
      logFile: join(mkdtempSync(join(tmpdir(), 'chat-web-host-')), 'web-host.log'),
    });
    await host.start();
  });
  afterAll(() => host?.stop('SIGKILL'));

  /** Reads every body, so no keep-alive socket outlives the test. */
  async function get(path: string) {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it('serves the client with its CSP, index.html for page paths, and immutable hashed assets', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/rooms/some-room')).text === page.text).toBe(true);

    const asset = page.text.match(/\/assets\/[^"]+\.js/)![0];
    const script = await get(asset);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('answers the API paths it does not serve with the typed 404 envelope, and refuses path escapes', async () => {
    const api = await get('/api/rooms');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.text)).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
    expect((await get('/..%2f..%2fpackage.json')).text).not.toContain('"dependencies"');
  });

  it('serves probes and Prometheus metrics', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
  });

  it('drains on SIGTERM: unready at once, still serving during the drain delay, then exits 0', async () => {
    host.signal('SIGTERM');
    await eventually(async () => (await get('/readyz')).status === 503, 2000);
    expect((await get('/')).status).toBe(200);
    expect(await host.exited(DRAIN_DELAY_MS + 5_000)).toBe(0);
  });
});
