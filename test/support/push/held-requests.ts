import type { ServerResponse } from 'node:http';
import type { AttemptOutcome } from './attempts';
import type { EventLog } from './event-log';

interface Parked<K> {
  key: K;
  res: ServerResponse;
  resume: () => void;
}

interface Admission<K, A> {
  key: K;
  res: ServerResponse;
  attempt: A;
  /** Whether the test holds the request's target right now. */
  hold: boolean;
  /** Answers the request and fills in the attempt's outcome. */
  settle: () => void;
}

/**
 * Requests parked without an answer while a test holds them. A parked request whose client goes away (a sender
 * SIGKILLed mid-delivery) is abandoned: it is never answered nor delivered later, as the sender never learnt it
 * was accepted.
 */
export class HeldRequests<K, A extends { outcome: AttemptOutcome }> {
  private readonly parked = new Set<Parked<K>>();

  constructor(private readonly attempts: EventLog<A>) {}

  /**
   * Records the attempt and settles it at once or, when `hold`, parks it until release(). A held attempt is
   * recorded before it has an answer, so a test can see that a request arrived while its sender still waits.
   */
  admit({ key, res, attempt, hold, settle }: Admission<K, A>): void {
    if (!hold) {
      settle();
      return this.attempts.add(attempt);
    }
    this.attempts.add(attempt);
    const entry: Parked<K> = {
      key,
      res,
      resume: () => {
        settle();
        this.attempts.changed();
      },
    };
    this.parked.add(entry);
    res.on('close', () => {
      if (this.parked.delete(entry)) this.abandon(attempt);
    });
  }

  release(matches: (key: K) => boolean): void {
    for (const entry of [...this.parked]) {
      if (!matches(entry.key)) continue;
      this.parked.delete(entry);
      entry.resume();
    }
  }

  private abandon(attempt: { outcome: AttemptOutcome }): void {
    attempt.outcome = 'abandoned';
    this.attempts.changed();
  }
}
