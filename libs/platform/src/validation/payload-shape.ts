import { AppError } from '../errors/app-error';

/**
 * Every body and socket payload of the contract is flat (an object of scalars, or of short arrays of
 * scalars). Deeper input is refused before any recursive code (class-transformer, class-validator) runs:
 * thousands of levels would overflow its stack and hold the event loop for each request.
 */
export const MAX_PAYLOAD_DEPTH = 8;

/** Keys that name a prototype are never a field of ours; they are refused, not silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** @throws AppError VALIDATION_FAILED for input nested too deep or carrying a prototype key */
export function assertPlainPayload(value: unknown, what = 'payload'): void {
  // Iterative on purpose: the check itself must not recurse on what it is checking.
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      throw AppError.validation(`${what} is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    }
    for (const key of Object.keys(current)) {
      if (PROTOTYPE_KEYS.has(key)) throw AppError.validation(`${what}: field ${key} is not allowed`);
      pending.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
}
