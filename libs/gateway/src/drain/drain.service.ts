import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReadinessState } from '@chat/platform/runtime';
import type { ChatServer } from '../chat-socket';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { PresenceService } from '../presence/presence.service';
import { DrainState } from './drain.state';

/**
 * Graceful drain on SIGTERM: readiness false, no new handshakes, `server:draining` with a jittered
 * reconnect delay to every socket, in-flight events finished, then sockets closed in batches. Clients
 * reconnect through the balancer to other replicas and resume by `sinceSeq`.
 */
@Injectable()
export class DrainService {
  private readonly logger = new Logger(DrainService.name);
  private server?: ChatServer;

  constructor(
    private readonly state: DrainState,
    private readonly readiness: ReadinessState,
    private readonly presence: PresenceService,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  attach(server: ChatServer): void {
    this.server = server;
  }

  async drain(inFlightTimeoutMs: number): Promise<void> {
    this.state.begin();
    this.readiness.beginDrain();
    const server = this.server;
    if (!server) return;
    const { reconnectJitterMs, batchSize, batchIntervalMs } = this.options.drain;
    const sockets = [...server.of('/').sockets.values()];
    this.logger.log(`draining ${sockets.length} sockets, ${this.state.pending} events in flight`);
    for (const socket of sockets) {
      socket.emit('server:draining', { reconnectAfterMs: Math.floor(Math.random() * reconnectJitterMs) });
    }
    await Promise.race([this.state.idle(), sleep(inFlightTimeoutMs)]);
    // Leases stay until each socket's disconnect removes it; no heartbeat is needed past this point.
    this.presence.stop();
    for (let index = 0; index < sockets.length; index += batchSize) {
      for (const socket of sockets.slice(index, index + batchSize)) socket.disconnect(true);
      if (index + batchSize < sockets.length) await sleep(batchIntervalMs);
    }
    await Promise.race([this.state.idle(), sleep(inFlightTimeoutMs)]);
  }
}
