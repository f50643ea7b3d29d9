import { Logger, Optional } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Channels, SocketLimits } from '@chat/contracts';
import { SessionRevocations } from '@chat/authn';
import { MessageBus } from '@chat/platform/engine';
import { ReadinessState } from '@chat/platform/runtime';
import { applyLiveCommand, LIVE_EVENTS_CHANNEL, LocalSocketServer, type LiveCommand } from '@chat/realtime';
import type { ChatServer, ChatSocket } from './chat-socket';
import { SocketDispatcher } from './dispatch/socket-dispatcher';
import { DrainService } from './drain/drain.service';
import { SocketRoomViewers } from './notifications/socket-room-viewers';
import { GatewayMetrics } from './gateway.metrics';
import { HandshakeMiddleware } from './handshake/handshake.middleware';
import { PresenceService } from './presence/presence.service';
import { SocketSessionWatch } from './session-watch/socket-session-watch';

/**
 * The Socket.IO server. It keeps no registry of sockets: a user's sockets join `user:<id>` and
 * `session:<sid>`, and every replica reaches them through the adapter. Events go through one dispatcher.
 */
@WebSocketGateway({
  path: '/socket.io',
  serveClient: false,
  maxHttpBufferSize: SocketLimits.maxFrameBytes,
  // CORS is set by ChatIoAdapter, from the same origin allowlist as the handshake.
})
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);
  @WebSocketServer() server!: ChatServer;

  constructor(
    private readonly handshake: HandshakeMiddleware,
    private readonly dispatcher: SocketDispatcher,
    private readonly presence: PresenceService,
    private readonly drain: DrainService,
    private readonly revocations: SessionRevocations,
    private readonly bus: MessageBus,
    private readonly readiness: ReadinessState,
    private readonly sessionWatch: SocketSessionWatch,
    private readonly metrics: GatewayMetrics,
    private readonly viewers: SocketRoomViewers,
    @Optional() private readonly localServer?: LocalSocketServer,
  ) {}

  afterInit(server: ChatServer): void {
    server.use(this.handshake.use);
    this.metrics.observe(server);
    this.presence.start(server);
    this.drain.attach(server);
    this.viewers.attach(server);
    if (this.localServer) this.localServer.server = server;
    // Not ready before these subscriptions hold: a client let in earlier could miss an invitation or a
    // revocation published meanwhile.
    // Live events relayed by services that cannot use the emitter (sharded adapter): apply to own sockets.
    this.readiness.holdUntil(
      'live-events subscription',
      this.bus.subscribe(LIVE_EVENTS_CHANNEL, (message) => {
        applyLiveCommand(server.local, JSON.parse(message) as LiveCommand);
      }),
    );
    // Every replica hears the revocation and closes its own sockets of that session.
    this.readiness.holdUntil(
      'revocations subscription',
      this.revocations.onRevoked((sessionId) => {
        this.logger.log(`session ${sessionId} revoked: disconnecting its sockets`);
        server.local.in(Channels.session(sessionId)).disconnectSockets(true);
      }),
    );
  }

  handleConnection(socket: ChatSocket): void {
    const { userId, sessionId } = socket.data.user;
    this.dispatcher.attach(socket);
    this.sessionWatch.watch(socket);
    void socket.join([Channels.user(userId), Channels.session(sessionId)]);
    // Its rooms are still listed while disconnecting, and gone by `disconnect`.
    socket.once('disconnecting', () => this.viewers.noteLeft(socket, SocketRoomViewers.joinedRooms(socket)));
    this.presence.connected(socket).catch((error: unknown) => this.logger.warn(`presence: ${String(error)}`));
  }

  handleDisconnect(socket: ChatSocket): void {
    if (!socket.data.user) return;
    this.sessionWatch.unwatch(socket);
    this.presence
      .disconnected(socket)
      .catch((error: unknown) => this.logger.warn(`presence: ${String(error)}`));
  }
}
