/**
 * C0 and C1 controls, and the bidi controls (embeddings, overrides, isolates, marks) that make a text
 * display as something it is not. The server refuses them in names and topics; clients that print text
 * from others (a terminal) neutralise them in everything else.
 */
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function hasControlOrBidi(value: string): boolean {
  CONTROL_OR_BIDI.lastIndex = 0;
  return CONTROL_OR_BIDI.test(value);
}

/**
 * Shows every control or bidi character as a visible `\u{…}`, keeping line breaks and tabs: a message
 * body printed to a terminal can then never move the cursor, recolour, retitle or reorder the screen.
 */
export function escapeControlOrBidi(value: string): string {
  return value.replace(CONTROL_OR_BIDI, (char) =>
    char === '\n' || char === '\t' ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`,
  );
}
