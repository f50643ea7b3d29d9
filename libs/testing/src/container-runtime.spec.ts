import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findContainerRuntime } from './container-runtime';

/** A local stand-in for a Docker API: answers `/_ping`, or accepts and never answers. */
async function dockerApi(answers: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (answers) response.end('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('findContainerRuntime', () => {
  const saved = { HOME: process.env.HOME, DOCKER_HOST: process.env.DOCKER_HOST };
  let server: Server | undefined;

  beforeEach(() => {
    // An empty home: no ~/.testcontainers.properties and no rootless socket of the machine's user.
    process.env.HOME = mkdtempSync(join(tmpdir(), 'chat-no-docker-'));
  });
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
    server = undefined;
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  });

  it('takes a DOCKER_HOST that answers /_ping', async () => {
    const api = await dockerApi(true);
    server = api.server;
    process.env.DOCKER_HOST = api.url;
    expect(await findContainerRuntime()).toEqual({ available: true, at: api.url });
  });

  it('gives up on a DOCKER_HOST that never answers within the deadline, with the reason', async () => {
    const api = await dockerApi(false);
    server = api.server;
    process.env.DOCKER_HOST = api.url;
    const started = Date.now();
    const found = await findContainerRuntime(300);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(found).toEqual({
      available: false,
      reason: expect.stringContaining('no answer within 300 ms'),
    });
  });

  it('refuses a DOCKER_HOST where nothing listens', async () => {
    const api = await dockerApi(true);
    await new Promise((resolve) => api.server.close(resolve));
    process.env.DOCKER_HOST = api.url;
    expect(await findContainerRuntime()).toEqual({
      available: false,
      reason: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
