import { newId } from '@chat/platform/ids';
import { newRefreshToken } from '../tokens/refresh-token';
import { sealSuccessor } from '../tokens/successor-seal';
import { graceSuccessor, REFRESH_GRACE_SECONDS } from './refresh-grace';
import type { SessionRecord } from './session.record';

const WINDOW_MS = REFRESH_GRACE_SECONDS * 1000;

describe('graceSuccessor', () => {
  const sessionId = newId();
  const rotatedAt = 1_000_000;
  const older = newRefreshToken(sessionId);
  const previous = newRefreshToken(sessionId);
  const current = newRefreshToken(sessionId);
  const session = (changes: Partial<SessionRecord> = {}): SessionRecord => ({
    id: sessionId,
    userId: newId(),
    refreshHash: current.hash,
    spentHashes: [older.hash, previous.hash],
    createdAt: new Date(0),
    expiresAt: new Date(rotatedAt + 3_600_000),
    revokedAt: null,
    lastRotation: {
      previousHash: previous.hash,
      rotatedAt: new Date(rotatedAt),
      successorSealed: sealSuccessor(current.token, previous.token),
    },
    ...changes,
  });

  it('answers the token the last rotation spent with its successor, until the window closes', () => {
    expect(graceSuccessor(session(), previous, rotatedAt, WINDOW_MS)).toBe(current.token);
    expect(graceSuccessor(session(), previous, rotatedAt + WINDOW_MS - 1, WINDOW_MS)).toBe(current.token);
    expect(graceSuccessor(session(), previous, rotatedAt + WINDOW_MS, WINDOW_MS)).toBeNull();
  });

  it('is off with a window of zero', () => {
    expect(graceSuccessor(session(), previous, rotatedAt, 0)).toBeNull();
  });

  it('gives an older spent token nothing', () => {
    expect(graceSuccessor(session(), older, rotatedAt, WINDOW_MS)).toBeNull();
  });

  it('gives a revoked or expired session nothing', () => {
    expect(
      graceSuccessor(session({ revokedAt: new Date(rotatedAt) }), previous, rotatedAt, WINDOW_MS),
    ).toBeNull();
    expect(
      graceSuccessor(session({ expiresAt: new Date(rotatedAt) }), previous, rotatedAt, WINDOW_MS),
    ).toBeNull();
  });

  it('gives nothing before the first rotation, or for a seal made with another token', () => {
    expect(graceSuccessor(session({ lastRotation: null }), previous, rotatedAt, WINDOW_MS)).toBeNull();
    const forged = { ...previous, token: older.token };
    expect(graceSuccessor(session(), forged, rotatedAt, WINDOW_MS)).toBeNull();
  });
});
