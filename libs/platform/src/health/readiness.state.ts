import { Injectable } from '@nestjs/common';

/** Whether this process should receive new traffic. Drain flips it before anything closes. */
@Injectable()
export class ReadinessState {
  private draining = false;

  beginDrain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
