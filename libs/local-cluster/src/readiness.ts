import { connect } from 'node:net';

/** True when the URL answers 2xx within a second. */
export async function httpReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** True when a TCP connection opens and, when given, the exchange answers with `expect`. */
export function tcpReady(port: number, send?: string, expect?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (send === undefined) return done(true);
      socket.write(send);
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
        if (expect !== undefined && answer.includes(expect)) done(true);
      });
    });
  });
}

/** Redis answers PING with +PONG only when it is up and not paused. */
export const redisReady = (port: number) => tcpReady(port, 'PING\r\n', '+PONG');
