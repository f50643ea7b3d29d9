import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientEventMap,
  ClientEventName,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@chat/contracts';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const opened: ChatClient[] = [];

/** A socket.io-client connection, resolved once connected (rejects with the connect_error). */
export function connectSocket(
  url: string,
  token: string,
  options: { transports?: string[]; headers?: Record<string, string>; reconnection?: boolean } = {},
): Promise<ChatClient> {
  const socket: ChatClient = io(url, {
    auth: { token },
    transports: options.transports ?? ['websocket'],
    extraHeaders: options.headers,
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The connect_error a handshake is refused with. */
export async function refusal(
  url: string,
  token: string,
  headers?: Record<string, string>,
): Promise<{ code: string }> {
  try {
    await connectSocket(url, token, { headers });
  } catch (error) {
    return (error as { data: { code: string } }).data;
  }
  throw new Error('the handshake was accepted');
}

/** Emits with an ack and resolves with the envelope. */
export function request<E extends ClientEventName>(
  socket: ChatClient,
  event: E,
  payload: ClientEventMap[E]['payload'],
  timeoutMs = 10_000,
): Promise<Ack<ClientEventMap[E]['data']>> {
  return (
    socket.timeout(timeoutMs) as unknown as {
      emitWithAck: (e: string, p: unknown) => Promise<Ack<ClientEventMap[E]['data']>>;
    }
  ).emitWithAck(event, payload);
}

/** Like request, but fails the test unless the ack is ok. */
export async function ok<E extends ClientEventName>(
  socket: ChatClient,
  event: E,
  payload: ClientEventMap[E]['payload'],
): Promise<ClientEventMap[E]['data']> {
  const answer = await request(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} failed: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

export function closeAllSockets(): void {
  for (const socket of opened.splice(0)) socket.close();
}

export { sleep };

/** Polls until the check passes or the time is up; returns how long it took. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  stepMs = 50,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
  return Date.now() - started;
}

/** The next `event` on the socket, or a named failure after `timeoutMs` (a hang tells nothing). */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ChatClient,
  event: E,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    (socket as unknown as { once(name: string, handler: (payload: unknown) => void): void }).once(
      event,
      listener as (payload: unknown) => void,
    );
  });
}

/** Emits without an ack and without the typed map: for payloads the contract says are invalid. */
export function emitRaw(socket: ChatClient, event: string, payload: unknown): void {
  (socket as unknown as { emit(event: string, payload: unknown): void }).emit(event, payload);
}
