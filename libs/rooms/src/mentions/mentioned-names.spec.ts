import { MAX_MENTIONS, mentionedNames } from './mentioned-names';

describe('mentionedNames', () => {
  it('finds @names once each, case-folded, in order, without closing punctuation', () => {
    expect(mentionedNames('@Bob and @carol_1, see @bob. Ask @dave-x-!')).toEqual([
      'bob',
      'carol_1',
      'dave-x',
    ]);
  });

  it('ignores addresses, words with @ inside, and names too short or too long', () => {
    expect(mentionedNames('mail bob@example.com or x@yz, @ab, @' + 'a'.repeat(33))).toEqual([]);
  });

  it('keeps @room apart and caps the named people', () => {
    const many = Array.from({ length: MAX_MENTIONS + 5 }, (_, i) => `@user${i}`).join(' ');
    const names = mentionedNames(`${many} @room`);
    expect(names).toHaveLength(MAX_MENTIONS + 1);
    expect(names.at(-1)).toBe('room');
  });
});
