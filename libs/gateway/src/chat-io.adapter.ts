import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { createRedisClient, isRedisCluster, type RedisClient } from '@chat/platform/engine';
import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import type { Server, ServerOptions } from 'socket.io';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway.options';
import { isOriginAllowed } from './handshake/origin-policy';

export type SocketAdapterOptions = { kind: 'memory' } | { kind: 'redis' | 'sharded'; url: string };

/**
 * Installs the Redis adapter so that many replicas share rooms: classic pub/sub, or sharded pub/sub
 * (Redis ≥ 7, Redis Cluster) where a replica receives only the channels of rooms it has sockets in.
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly clients: RedisClient[] = [];

  constructor(
    private readonly app: INestApplicationContext,
    private readonly adapter: SocketAdapterOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, { ...options, cors: this.corsFor() }) as Server;
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

  /**
   * CORS for the polling transport answers only origins the handshake would accept, with the same rule;
   * any other origin gets no CORS headers, so the browser withholds the answer.
   */
  private corsFor(): NonNullable<ServerOptions['cors']> {
    const { allowedOrigins } = this.app.get<GatewayOptions>(GATEWAY_OPTIONS, { strict: false });
    return (request, callback) => {
      const secure = (request as Partial<IncomingMessage>).socket instanceof TLSSocket;
      const allowed = isOriginAllowed({ headers: request.headers, secure }, allowedOrigins);
      callback(null, allowed ? { origin: true, credentials: true } : { origin: false });
    };
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const client of this.clients.splice(0)) client.disconnect();
  }
}
