import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { PUSH_OPTIONS, type PushOptions } from '../push.options';
import { NotificationDeriver } from './notification-deriver';
import { NotificationSender } from './notification-sender';
import { PollLoop } from './poll-loop';

/**
 * The two loops of a delivering process: messages → outbox, outbox → push services. Every gateway replica
 * runs them; leases keep two replicas off the same work. Stopped before the store closes on shutdown,
 * after the tick in progress.
 */
@Injectable()
export class NotificationWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loops: PollLoop[];

  constructor(
    deriver: NotificationDeriver,
    sender: NotificationSender,
    @Inject(PUSH_OPTIONS) options: PushOptions,
  ) {
    this.loops = [
      new PollLoop('NotificationDeriver', options.pollMs, () => deriver.tick()),
      new PollLoop('NotificationSender', options.pollMs, () => sender.tick()),
    ];
  }

  onApplicationBootstrap(): void {
    for (const loop of this.loops) loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }
}
