import { Inject, Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { validationMessages } from '@chat/config';
import { ErrorCode, type ErrorBody } from '@chat/contracts';
import { RateLimiters, toRateLimitError } from '@chat/platform/engine';
import { AppError, toErrorBody } from '@chat/platform/errors';
import { assertPlainPayload } from '@chat/platform/validation';
import type { ChatSocket } from '../chat-socket';
import { DrainState } from '../drain/drain.state';
import { GatewayMetrics } from '../gateway.metrics';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { SOCKET_EVENT_HANDLERS, type SocketEventHandler } from './socket-event-handler';

type Ack = (answer: unknown) => void;

/**
 * The one path every client event takes: validate the payload against its DTO (unknown fields and wrong
 * types refused), spend from the user's rate limit for that event type, run the handler, and answer
 * through the ack with `{ok:true,data}` or `{ok:false,error}`. An invalid event sent without an ack gets
 * an `error` event instead, so nothing is dropped silently. In-flight handlers are counted for drain.
 */
@Injectable()
export class SocketDispatcher {
  private readonly logger = new Logger(SocketDispatcher.name);
  private readonly limiters: Record<SocketEventHandler['limit'], RateLimiterAbstract>;

  constructor(
    @Inject(SOCKET_EVENT_HANDLERS) private readonly handlers: SocketEventHandler[],
    private readonly drain: DrainState,
    private readonly metrics: GatewayMetrics,
    limiters: RateLimiters,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
  ) {
    const { sendPoints, eventPoints, windowSeconds } = options.rateLimits;
    this.limiters = {
      send: limiters.create({
        keyPrefix: 'socket-rate:send',
        points: sendPoints,
        durationSeconds: windowSeconds,
      }),
      event: limiters.create({
        keyPrefix: 'socket-rate:event',
        points: eventPoints,
        durationSeconds: windowSeconds,
      }),
    };
  }

  attach(socket: ChatSocket): void {
    const known = new Set<string>(this.handlers.map((handler) => handler.event));
    for (const handler of this.handlers) {
      socket.on(handler.event, (payload: unknown, ack?: unknown) => {
        void this.dispatch(socket, handler, payload, typeof ack === 'function' ? (ack as Ack) : undefined);
      });
    }
    // An event the contract does not define still gets an answer, so a client never waits on silence.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (known.has(event)) return;
      const ack = args.at(-1);
      const body = { code: ErrorCode.NOT_FOUND, message: 'Unknown event' };
      this.answerError(socket, body, typeof ack === 'function' ? (ack as Ack) : undefined);
    });
  }

  private async dispatch(
    socket: ChatSocket,
    handler: SocketEventHandler,
    payload: unknown,
    ack?: Ack,
  ): Promise<void> {
    const done = this.drain.track();
    const stopTimer = this.metrics.eventDuration.startTimer({ event: handler.event });
    let outcome = 'ok';
    try {
      // Spent first: invalid events cost the same as valid ones, so a flood of them is limited too.
      await this.spend(handler, socket);
      const dto = await this.validated(handler, payload);
      const data = await handler.handle(socket, dto);
      ack?.({ ok: true, data: data ?? {} });
    } catch (error) {
      const body = toErrorBody(error);
      outcome = body.code;
      if (body.code === ErrorCode.INTERNAL) this.logger.error(error);
      this.answerError(socket, body, ack);
    } finally {
      stopTimer();
      this.metrics.events.inc({ event: handler.event, outcome });
      done();
    }
  }

  private async validated(handler: SocketEventHandler, payload: unknown): Promise<object> {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw AppError.validation('payload must be an object');
    }
    assertPlainPayload(payload);
    const dto: object = plainToInstance(handler.dto, payload);
    const errors = await validate(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
    if (errors.length > 0) throw AppError.validation(validationMessages(errors).join('; '));
    return dto;
  }

  private async spend(handler: SocketEventHandler, socket: ChatSocket): Promise<void> {
    const key = `${socket.data.user.userId}:${handler.limit === 'send' ? 'send' : handler.event}`;
    await this.limiters[handler.limit].consume(key).catch((rejection: unknown) => {
      throw toRateLimitError(rejection);
    });
  }

  private answerError(socket: ChatSocket, body: ErrorBody, ack?: Ack): void {
    if (ack) ack({ ok: false, error: body });
    else socket.emit('error', { code: body.code, message: body.message });
  }
}
