import { Injectable } from '@nestjs/common';

/** Whether this gateway is draining, and how many socket events are still being handled. */
@Injectable()
export class DrainState {
  private isDraining = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  get draining(): boolean {
    return this.isDraining;
  }

  begin(): void {
    this.isDraining = true;
  }

  /** Marks one event as in flight; call the returned function when it is answered. */
  track(): () => void {
    this.inFlight += 1;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Resolves when no event is in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
