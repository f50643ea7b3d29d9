/** A request the receiver refuses, thrown from the checks and turned into the answer in one place. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

export function refuse(status: number, reason: string): never {
  throw new Refusal(status, reason);
}

/**
 * Runs the checks and hands back their refusal rather than throwing it: a refused request is still an attempt
 * to record and, while held, to answer later. Any other error is a bug in the receiver and still throws.
 */
export function refusalOr<T>(check: () => T): T | Refusal {
  try {
    return check();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
}
