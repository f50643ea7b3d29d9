import { newId } from '@chat/platform/ids';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { openSuccessor, sealSuccessor } from './successor-seal';

describe('successor seal', () => {
  const sessionId = newId();

  it('opens with the previous token only', () => {
    const previous = newRefreshToken(sessionId);
    const next = newRefreshToken(sessionId);
    const seal = sealSuccessor(next.token, previous.token);
    expect(openSuccessor(seal, previous.token)).toBe(next.token);
    expect(openSuccessor(seal, next.token)).toBeNull();
    // What the database holds beside the seal opens nothing.
    expect(openSuccessor(seal, previous.hash)).toBeNull();
    expect(openSuccessor(seal, hashRefreshToken(previous.token))).toBeNull();
    expect(seal).not.toContain(next.token.split('.')[1]);
  });

  it('refuses an altered or truncated seal', () => {
    const previous = newRefreshToken(sessionId);
    const seal = Buffer.from(sealSuccessor(newRefreshToken(sessionId).token, previous.token), 'base64url');
    seal[20] ^= 1;
    expect(openSuccessor(seal.toString('base64url'), previous.token)).toBeNull();
    expect(openSuccessor('', previous.token)).toBeNull();
    expect(openSuccessor(seal.subarray(0, 20).toString('base64url'), previous.token)).toBeNull();
  });
});
