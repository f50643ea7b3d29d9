/**
 * A user's search text as an FTS5 query that cannot be read as query syntax: each word quoted (quotes
 * doubled) and matched as a prefix, all words required. Null when there is no word to look for.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    // Controls (NUL ends an FTS5 string early), format characters and lone surrogates separate words too.
    .split(/[\s\p{P}\p{S}\p{C}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
