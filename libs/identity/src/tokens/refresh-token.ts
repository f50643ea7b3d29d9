import { createHash, randomBytes } from 'node:crypto';

/**
 * An opaque refresh token: `<sessionId>.<256 random bits>`. The session id finds the family in one
 * lookup; the random part is what proves possession and is stored only as a SHA-256 hash (it has far
 * too much entropy for a slow hash to add anything).
 */
export interface RefreshToken {
  sessionId: string;
  hash: string;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newRefreshToken(sessionId: string): { token: string; hash: string } {
  const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

/** @returns null for anything that was never a token of ours */
export function parseRefreshToken(token: string): RefreshToken | null {
  const match = /^([0-9a-f]{24})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!match) return null;
  return { sessionId: match[1], hash: hashRefreshToken(token) };
}
