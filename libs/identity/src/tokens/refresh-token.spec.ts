import { newId } from '@chat/platform/ids';
import { hashRefreshToken, newRefreshToken, parseRefreshToken } from './refresh-token';

describe('refresh tokens', () => {
  it('round-trips the session id and hashes without storing the token', () => {
    const sessionId = newId();
    const { token, hash } = newRefreshToken(sessionId);
    const parsed = parseRefreshToken(token);
    expect(parsed?.sessionId).toBe(sessionId);
    expect(parsed?.hash).toBe(hash);
    expect(hash).toBe(hashRefreshToken(token));
    expect(hash).not.toContain(token.split('.')[1]);
  });

  it('is unique per issue', () => {
    const sessionId = newId();
    expect(newRefreshToken(sessionId).token).not.toBe(newRefreshToken(sessionId).token);
  });

  it.each(['', 'garbage', 'zzzzzzzzzzzzzzzzzzzzzzzz.abc', `${'a'.repeat(24)}.${'!'.repeat(43)}`])(
    'rejects %j',
    (token) => {
      expect(parseRefreshToken(token)).toBeNull();
    },
  );
});
