import { escapeControlOrBidi, hasLoneSurrogate, isSafeDisplayText, isSafeEmojiText } from './unsafe-text';

describe('text that displays as what it is', () => {
  it('refuses controls, format and invisible characters, separators and stacked marks in names', () => {
    for (const name of [
      'a\u0007b',
      'evil\u202Egnp',
      'a\u200Bb',
      'line\u2028break',
      'para\u2029graph',
      '\u3164',
      '\u2800\u2800',
      'tag\u{E0041}',
      'note\uFFF9x',
      'a\u0301\u0301\u0301\u0301\u0301',
      'x\uDC00y',
    ])
      expect([name, isSafeDisplayText(name)]).toEqual([name, false]);
  });

  it('keeps ordinary names in any script, emoji sequences included', () => {
    for (const name of ['Zoë', 'Ιωάννα', '山田 太郎', 'Anna 👨‍👩‍👧', 'café ☕', 'R2-D2'])
      expect([name, isSafeDisplayText(name)]).toEqual([name, true]);
  });

  it('lets an emoji hold the tag characters of a subdivision flag, and nothing invisible', () => {
    expect(isSafeEmojiText('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}')).toBe(true);
    expect(isSafeEmojiText('\u200B')).toBe(false);
    expect(isSafeEmojiText('a\u0301\u0301\u0301\u0301\u0301')).toBe(false);
  });

  it('finds half a surrogate pair', () => {
    expect(hasLoneSurrogate('x\uDC00')).toBe(true);
    expect(hasLoneSurrogate('😀')).toBe(false);
  });

  it('makes every unsafe character visible for a terminal, keeping lines and tabs', () => {
    expect(escapeControlOrBidi('a\u001b[31m\tb\nc\u202E')).toBe('a\\u{1b}[31m\tb\nc\\u{202e}');
  });
});
