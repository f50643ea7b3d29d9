import { createHash, randomBytes } from 'node:crypto';

/**
 * Record ids are 24 lower-case hex digits, the shape of a MongoDB ObjectId: 4 bytes of seconds, then 8
 * random bytes. Ids made later sort later (to the second), which the directory and member pages rely on,
 * and the MongoDB adapters store them as real ObjectIds. Domain code only ever sees the string.
 */
export function newId(): string {
  const seconds = Buffer.alloc(4);
  seconds.writeUInt32BE(Math.floor(Date.now() / 1000));
  return Buffer.concat([seconds, randomBytes(8)]).toString('hex');
}

/**
 * Uniqueness by construction: a record whose id derives from its natural key cannot exist twice, on any
 * store. The first 12 bytes of a SHA-256 of the key.
 */
export function idFromKey(key: string): string {
  return createHash('sha256').update(key).digest().subarray(0, 12).toString('hex');
}

const ID_PATTERN = /^[0-9a-f]{24}$/i;

/**
 * The one parser of ids from URLs, payloads and tokens: anything but 24 hex digits names nothing (null,
 * which callers answer with 404), and what passes is canonical (lower case), so that no key is ever derived
 * from two spellings of one id.
 */
export function parseId(id: unknown): string | null {
  return typeof id === 'string' && ID_PATTERN.test(id) ? id.toLowerCase() : null;
}
