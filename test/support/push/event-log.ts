const DEFAULT_WAIT_MS = 15_000;

export interface WaitOptions {
  timeoutMs?: number;
}

/** An append-only record that tests can wait on: every change re-checks the pending predicates. */
export class EventLog<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<(closedReason?: string) => void>();

  constructor(private readonly label: string) {}

  add(item: T): void {
    this.items.push(item);
    this.changed();
  }

  /** Items are sometimes updated in place (a held attempt gets its answer), which must wake waiters too. */
  changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Fails pending waits at once, so a closed receiver does not leave a test hanging for the full timeout. */
  closeWaits(reason: string): void {
    for (const waiter of [...this.waiters]) waiter(reason);
  }

  waitFor(
    predicate: (items: readonly T[]) => boolean,
    { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {},
  ): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const finish = (outcome: { items: T[] } | { error: Error }): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if ('items' in outcome) resolve(outcome.items);
        else reject(outcome.error);
      };
      const check = (closedReason?: string): void => {
        if (closedReason !== undefined) return finish({ error: this.failure(closedReason) });
        try {
          if (predicate(this.items)) finish({ items: [...this.items] });
        } catch (error) {
          finish({ error: error instanceof Error ? error : new Error(String(error)) });
        }
      };
      const timer = setTimeout(
        () => finish({ error: this.failure(`timed out after ${timeoutMs} ms`) }),
        timeoutMs,
      );
      this.waiters.add(check);
      check();
    });
  }

  private failure(why: string): Error {
    const arrived =
      this.items.length === 0 ? ' none' : `\n${this.items.map((item) => `  ${summarize(item)}`).join('\n')}`;
    return new Error(`${this.label}: ${why}; ${this.items.length} arrived:${arrived}`);
  }
}

function summarize(item: unknown): string {
  const text = JSON.stringify(item);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
