import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { createRedisClient, isRedisCluster, type RedisClient } from '@chat/platform';
import type { Server, ServerOptions } from 'socket.io';

export type SocketAdapterOptions = { kind: 'memory' } | { kind: 'redis' | 'sharded'; url: string };

/**
 * Installs the Redis adapter so that many replicas share rooms: classic pub/sub, or sharded pub/sub
 * (Redis ≥ 7, Redis Cluster) where a replica receives only the channels of rooms it has sockets in.
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly clients: RedisClient[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly adapter: SocketAdapterOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter.kind !== 'memory') {
      const sharded = this.adapter.kind === 'sharded';
      const pub = createRedisClient(this.adapter.url, { maxRetriesPerRequest: null });
      this.clients.push(pub);
      if (!sharded && isRedisCluster(pub)) {
        throw new Error(
          'The classic Socket.IO Redis adapter cannot run on a Redis Cluster: set SOCKET_ADAPTER=sharded',
        );
      }
      // On a cluster, SSUBSCRIBE must reach the primary owning each channel's slot.
      const sub = createRedisClient(this.adapter.url, {
        maxRetriesPerRequest: null,
        shardedSubscribers: sharded,
      });
      this.clients.push(sub);
      server.adapter(sharded ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const client of this.clients.splice(0)) client.disconnect();
  }
}
