import type { Session } from '@chat/contracts';
import { ChatApi, HttpClient } from '@chat/client-sdk';
import { RecordingClient } from '@chat/recording-client';
import type { LoadMetrics } from './load-metrics';
import type { LoadOptions } from './load-options';
import { isLoopback } from './target-guard';

/** The API without a session: register, login, refresh. */
export function anonymousApi(baseUrl: string): ChatApi {
  const noSession = () => Promise.reject(new Error('this call needs a session'));
  return new ChatApi(new HttpClient(baseUrl), noSession, noSession);
}

/** Loopback source addresses for websocket clients: behind `hash $remote_addr` they spread over gateways. */
function sourceAddress(baseUrl: string, options: LoadOptions, index: number): string | undefined {
  if (!isLoopback(baseUrl) || options.transport !== 'websocket') return undefined;
  return `127.0.0.${2 + (index % 250)}`;
}

/**
 * One load user: the SDK's ChatClient on its session (renewed before the access token expires), with
 * its HTTP API for preparation and history reads, instrumented for the delivery checker; it connects
 * later. Receivers time each delivery from its intended send time, looked up in `intendedById`.
 */
export function loadClient(
  baseUrl: string,
  session: Session,
  index: number,
  options: LoadOptions,
  metrics: LoadMetrics,
  intendedById: Map<string, number>,
): RecordingClient {
  return new RecordingClient({
    baseUrl,
    clientId: `u${index}`,
    session,
    localAddress: sourceAddress(baseUrl, options, index),
    transports: options.transport === 'polling' ? ['polling', 'websocket'] : ['websocket'],
    onError: (code) => metrics.recordError(code),
    onDeliver: (message, at) => {
      if (message.senderId === session.user.id) return;
      const intended = intendedById.get(message.clientMsgId);
      if (intended !== undefined) metrics.recordDelivery(intended, at);
    },
  });
}
