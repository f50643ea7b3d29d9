import { idFromKey, newId, parseId } from './ids';

describe('ids', () => {
  it('makes 24 hex digits that sort in the order they were made', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
    const wrapped = ids.findIndex((id, i) => i > 0 && id < ids[i - 1]);
    // The counter starts at random and wraps once in 16M ids; within one second it may wrap at most once.
    expect(ids.filter((id, i) => i > 0 && id < ids[i - 1]).length).toBeLessThanOrEqual(wrapped < 0 ? 0 : 1);
  });

  it('derives the same id from the same key', () => {
    expect(idFromKey('a:b')).toBe(idFromKey('a:b'));
    expect(idFromKey('a:b')).not.toBe(idFromKey('a:B'));
  });

  it('parses ids to one canonical spelling, and nothing else', () => {
    const id = newId();
    expect(parseId(id.toUpperCase())).toBe(id);
    for (const bad of ['', 'x'.repeat(24), `${id} `, id.slice(1), 42, null, { $gt: '' }])
      expect(parseId(bad)).toBeNull();
  });
});
