import { createServer, connect, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A TCP proxy in front of the store that can cut every connection through it at once, the way a
 * failover or a network blip does. `cut()` first holds back the store's replies for a moment, so the
 * requests in flight reach the store but their answers never reach the service: writes whose outcome
 * the service cannot know, which it must settle by itself on retry.
 */
export class StoreProxy {
  private readonly server: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; held: boolean }>();
  /** How many connections `cut()` has closed so far. */
  cutConnections = 0;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: Server,
  ) {
    this.server = server;
  }

  static async start(target: { host: string; port: number }): Promise<StoreProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const proxy = new StoreProxy(target, typeof address === 'object' && address ? address.port : 0, server);
    server.on('connection', (client) => proxy.pipe(client));
    return proxy;
  }

  /**
   * A proxy in front of the store at `mongoUrl`, and the URL to give a service so that it goes through
   * it: one address only, or the driver would discover the members behind the proxy and bypass it.
   */
  static async inFrontOf(mongoUrl: string): Promise<{ proxy: StoreProxy; proxiedUrl: string }> {
    const direct = new URL(mongoUrl);
    const proxy = await StoreProxy.start({ host: direct.hostname, port: Number(direct.port) });
    const proxied = new URL(direct);
    proxied.host = `127.0.0.1:${proxy.port}`;
    proxied.searchParams.set('directConnection', 'true');
    return { proxy, proxiedUrl: proxied.toString() };
  }

  /** Swallows the store's replies for `holdMs`, then closes every open connection. */
  async cut(holdMs = 150): Promise<void> {
    const victims = [...this.pairs];
    for (const pair of victims) pair.held = true;
    await sleep(holdMs);
    for (const pair of victims) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.cutConnections += victims.length;
  }

  /**
   * Starts the requests at once and cuts every store connection every `everyMs` (at most `cuts` times)
   * while any of them is in flight.
   */
  async runWhileCutting<T>(requests: (() => Promise<T>)[], everyMs: number, cuts = 4): Promise<T[]> {
    let pending = true;
    const settled = Promise.all(requests.map((request) => request())).finally(() => (pending = false));
    const cutting = (async () => {
      for (let cut = 0; cut < cuts && pending; cut++) {
        await sleep(everyMs);
        if (pending) await this.cut();
      }
    })();
    const [result] = await Promise.all([settled, cutting]);
    return result;
  }

  async stop(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    const pair = { client, upstream, held: false };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (!pair.held) client.write(chunk);
    });
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
  }
}
