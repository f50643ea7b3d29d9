import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';

/**
 * The baseline: raw Socket.IO with nothing of ours. A socket joins the one room; a `send` is acked and
 * broadcast with `io.to(room).emit`. Run as its own process: `raw-server.js <port> [redisUrl]`.
 */
const [port, redisUrl] = process.argv.slice(2);
const http = createServer();
const io = new Server(http, { serveClient: false });
if (redisUrl) {
  const pub = new Redis(redisUrl);
  io.adapter(createAdapter(pub, pub.duplicate()));
}
io.on('connection', (socket) => {
  void socket.join('bench');
  socket.on('send', (payload: unknown, ack?: () => void) => {
    io.to('bench').emit('msg', payload);
    ack?.();
  });
});
http.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
