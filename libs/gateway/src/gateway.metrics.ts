import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '@chat/platform';
import type { ChatServer } from './chat-socket';

let server: ChatServer | undefined;

/** Sockets open on this replica; the Helm chart's optional connections-based autoscaler reads it. */
export const connectedSockets = new Gauge({
  name: 'chat_gateway_connected_sockets',
  help: 'Socket.IO connections open on this gateway replica',
  registers: [metricsRegistry()],
  collect() {
    this.set(server ? server.of('/').sockets.size : 0);
  },
});

export const socketEvents = new Counter({
  name: 'chat_gateway_events_total',
  help: 'Client events handled, by event and outcome (ok or the error code)',
  labelNames: ['event', 'outcome'],
  registers: [metricsRegistry()],
});

export const socketEventDuration = new Histogram({
  name: 'chat_gateway_event_duration_seconds',
  help: 'Time from receiving a client event to answering its ack',
  labelNames: ['event'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry()],
});

export function observeServer(chatServer: ChatServer): void {
  server = chatServer;
}
