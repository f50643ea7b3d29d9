import { openSuccessor } from '../tokens/successor-seal';
import type { SessionRecord } from './session.record';

/**
 * How long the token a refresh just spent still answers with the same successor (RFC 9700 lets a
 * server tolerate such reuse). Two tabs refreshing at once arrive milliseconds apart, and a client whose
 * answer was lost retries within seconds (the SDK after 5 s), so 30 s covers both with room. Kept short
 * because within it a stolen spent token passes unnoticed; it then only yields the successor the
 * rightful client holds too, and the next refresh by either makes the other's copy a spent token.
 */
export const REFRESH_GRACE_SECONDS = 30;

/**
 * The successor of a token that lost the rotation, when it is the token the session's last rotation
 * spent, presented less than `windowMs` after it, on a live session. Anything else spent is reuse.
 * @returns null outside the grace
 */
export function graceSuccessor(
  session: SessionRecord,
  presented: { token: string; hash: string },
  now: number,
  windowMs: number,
): string | null {
  const last = session.lastRotation;
  const inGrace =
    last !== null &&
    session.revokedAt === null &&
    session.expiresAt.getTime() > now &&
    last.previousHash === presented.hash &&
    now - last.rotatedAt.getTime() < windowMs;
  return inGrace ? openSuccessor(last.successorSealed, presented.token) : null;
}
