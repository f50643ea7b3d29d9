import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

export type SocketAdapterOptions = { kind: 'memory' } | { kind: 'redis' | 'sharded'; url: string };

/**
 * Installs the Redis adapter so that many replicas share rooms: classic pub/sub, or sharded pub/sub
 * (Redis ≥ 7, Redis Cluster) where a replica receives only the channels of rooms it has sockets in.
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly adapter: SocketAdapterOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter.kind !== 'memory') {
      const pub = new Redis(this.adapter.url, { maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      this.clients.push(pub, sub);
      server.adapter(
        this.adapter.kind === 'sharded' ? createShardedAdapter(pub, sub) : createAdapter(pub, sub),
      );
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const client of this.clients.splice(0)) client.disconnect();
  }
}
