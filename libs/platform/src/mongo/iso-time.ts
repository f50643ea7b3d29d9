/**
 * The embedded store's file mode persists dates as ISO strings, so lean reads may hold either.
 * Code therefore never range-queries dates in MongoDB and formats them through this.
 */
export function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function timeMs(value: Date | string): number {
  return (value instanceof Date ? value : new Date(value)).getTime();
}
