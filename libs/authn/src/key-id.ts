/**
 * Key ids as auth mints them (RFC 7638 thumbprints: 43 base64url characters), or any short base64url or
 * hex id. Anything longer or stranger is refused before a lookup, so junk never reaches a key source.
 */
const WELL_FORMED_KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedKeyId(kid: unknown): kid is string {
  return typeof kid === 'string' && WELL_FORMED_KEY_ID.test(kid);
}
