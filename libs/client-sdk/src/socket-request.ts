import type { Socket } from 'socket.io-client';
import type {
  Ack,
  ClientEventMap,
  ClientEventName,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@chat/contracts';
import { AckTimeoutError, ChatApiError } from './errors';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type EventPayload<E extends ClientEventName> = ClientEventMap[E]['payload'];
export type EventData<E extends ClientEventName> = ClientEventMap[E]['data'];

type TimedEmit = (
  event: string,
  payload: unknown,
  ack: (error: Error | null, answer: Ack<unknown>) => void,
) => void;

/** Emits one event and settles with its ack data; `ok:false` throws `ChatApiError`, silence `AckTimeoutError`. */
export function emitWithAck<E extends ClientEventName>(
  socket: ChatSocket,
  event: E,
  payload: EventPayload<E>,
  timeoutMs: number,
): Promise<EventData<E>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs) as unknown as { emit: TimedEmit };
    timed.emit(event, payload, (error, answer) => {
      if (error) reject(new AckTimeoutError(event));
      else if (answer.ok) resolve(answer.data as EventData<E>);
      else reject(new ChatApiError(answer.error));
    });
  });
}
