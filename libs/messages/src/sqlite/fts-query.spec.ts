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

  it('splits on controls and lone surrogates, which FTS5 must never see inside a string', () => {
    expect(ftsQuery('\u0000')).toBeNull();
    expect(ftsQuery('ab\u0000cd\udc00ef')).toBe('"ab"* "cd"* "ef"*');
  });
});
