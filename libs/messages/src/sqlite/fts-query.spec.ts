import { ftsQuery } from './fts-query';

describe('ftsQuery', () => {
  it('quotes every word as a prefix term', () => {
    expect(ftsQuery('hello  World')).toBe('"hello"* "World"*');
  });

  it('leaves no query syntax to the user', () => {
    expect(ftsQuery('a OR b NEAR(c) body:x "quoted" -not')).toBe(
      '"a"* "OR"* "b"* "NEAR"* "c"* "body"* "x"* "quoted"* "not"*',
    );
  });

  it('has nothing to look for in punctuation alone', () => {
    expect(ftsQuery(' *** ')).toBeNull();
  });
});
