/** Revs seen above the position before it is reached; past this many the tracker forgets them. */
const MAX_AHEAD = 10_000;

/**
 * How far one room's changes are known: every change with a rev up to `through` is reflected in what
 * this client has. The server's `revThrough` moves it; so does each live change seen, as long as the
 * revs stay contiguous (changes from different replicas arrive in any order, and a rev that a failed
 * write took is never seen, so a hole holds it back until the next resume asks the server).
 */
export class RevTracker {
  private last: number | null = null;
  private readonly ahead = new Set<number>();

  /** Resume with `sinceRev = through`; `null` until the server has said where to start. */
  get through(): number | null {
    return this.last;
  }

  /** The server's word: nothing up to `rev` is missing. */
  settle(rev: number): void {
    if (this.last === null || rev > this.last) this.last = rev;
    this.advance();
  }

  /** A change seen live (or a message read at this rev). */
  observe(rev: number | undefined): void {
    if (rev === undefined || (this.last !== null && rev <= this.last)) return;
    if (this.ahead.size >= MAX_AHEAD) this.ahead.clear();
    this.ahead.add(rev);
    this.advance();
  }

  private advance(): void {
    if (this.last === null) return;
    while (this.ahead.delete(this.last + 1)) this.last += 1;
    for (const rev of this.ahead) if (rev <= this.last) this.ahead.delete(rev);
  }
}
