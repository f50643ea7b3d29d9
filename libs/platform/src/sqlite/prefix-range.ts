/** The highest code point: every string that starts with a prefix sorts below prefix + this. */
const AFTER_EVERY_SUFFIX = '\u{10FFFF}';

/**
 * `[from, to)` bounds of the strings that start with `prefix`, for `col >= ? AND col < ?`: an index range,
 * and no LIKE pattern for user text to escape.
 */
export function prefixRange(prefix: string): [string, string] {
  return [prefix, prefix + AFTER_EVERY_SUFFIX];
}
