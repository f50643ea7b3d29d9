import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '@chat/platform/runtime';
import type { ChatServer } from './chat-socket';

/** The gateway's own metrics, on the app's registry. */
@Injectable()
export class GatewayMetrics {
  private server?: ChatServer;

  readonly events: Counter<'event' | 'outcome'>;
  readonly eventDuration: Histogram<'event'>;

  constructor(registry: MetricsRegistry) {
    const openSockets = () => (this.server ? this.server.of('/').sockets.size : 0);
    // Sockets open on this replica; the Helm chart's optional connections-based autoscaler reads it.
    new Gauge({
      name: 'chat_gateway_connected_sockets',
      help: 'Socket.IO connections open on this gateway replica',
      registers: [registry],
      collect() {
        this.set(openSockets());
      },
    });
    this.events = new Counter({
      name: 'chat_gateway_events_total',
      help: 'Client events handled, by event and outcome (ok or the error code)',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    });
    this.eventDuration = new Histogram({
      name: 'chat_gateway_event_duration_seconds',
      help: 'Time from receiving a client event to answering its ack',
      labelNames: ['event'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  observe(server: ChatServer): void {
    this.server = server;
  }
}
