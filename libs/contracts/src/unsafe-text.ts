/**
 * Characters no name, topic or emoji may hold, because they make a text display as something it is not:
 * controls (C0, C1), format characters (bidi embeddings, overrides, isolates and marks, zero-width
 * spaces, tags, interlinear annotations), lone surrogates, private-use characters, line and paragraph
 * separators, and the letters and symbols that render as nothing (Hangul fillers, the Braille blank).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;
/** The zero-width joiner builds emoji sequences (a family, a profession), which names and emoji may hold. */
const JOINER = /\u200D/gu;
/** Tag characters spell subdivision flags (England, Scotland) inside an emoji, and nowhere else. */
const EMOJI_TAGS = /[\u{E0020}-\u{E007F}]/gu;
/** More than a few combining marks on one character is noise stacked over the line ("Zalgo" text). */
const STACKED_MARKS = /\p{M}{5,}/u;
/** What a name must show at least once: a letter, a digit, punctuation or a symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** For names and topics: nothing unsafe, no stacked marks, and something visible. */
export function isSafeDisplayText(value: string): boolean {
  const plain = value.replace(JOINER, '');
  return !UNSAFE.test(plain) && !STACKED_MARKS.test(value) && (value === '' || VISIBLE.test(plain));
}

/** For an emoji: as for names, with the tag characters of subdivision flags allowed. */
export function isSafeEmojiText(value: string): boolean {
  return isSafeDisplayText(value.replace(EMOJI_TAGS, ''));
}

/** A string with half of a surrogate pair, which no encoding can store as given. */
export function hasLoneSurrogate(value: string): boolean {
  return /\p{Cs}/u.test(value);
}

/**
 * Shows every unsafe character as a visible `\u{…}`, keeping line breaks, tabs and joiners: a message
 * body printed to a terminal can then never move the cursor, recolour, retitle or reorder the screen.
 */
export function escapeControlOrBidi(value: string): string {
  return value.replace(new RegExp(UNSAFE.source, 'gu'), (char) =>
    char === '\n' || char === '\t' ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`,
  );
}

/** The text with every unsafe character removed (file names: shown, and sent back in headers). */
export function withoutUnsafeCharacters(value: string): string {
  return value
    .replace(new RegExp(UNSAFE.source, 'gu'), '')
    .replace(new RegExp(STACKED_MARKS.source, 'gu'), '');
}
