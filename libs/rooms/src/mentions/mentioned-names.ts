/** `@name` where the name is a possible username (3–32 of letters, digits, `_ . -`), not inside a word or an address. */
const MENTION = /(?<![\w.@-])@([a-zA-Z0-9_.-]{3,40})/g;

/** The word that notifies every member of a room: owners and admins only. */
export const ROOM_MENTION = 'room';

/** A message names at most this many people; later names are plain text. */
export const MAX_MENTIONS = 20;

/**
 * The distinct names a body mentions, case-folded, in order of first mention, at most MAX_MENTIONS
 * (plus `room`). A sentence's closing dot or dash is not part of a name: `@bob.` names bob.
 */
export function mentionedNames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const name = match[1].replace(/[.-]+$/, '').toLowerCase();
    if (name.length < 3 || name.length > 32) continue;
    if (name !== ROOM_MENTION && [...names].filter((n) => n !== ROOM_MENTION).length >= MAX_MENTIONS)
      continue;
    names.add(name);
  }
  return [...names];
}
