import { createHash, randomBytes } from 'node:crypto';

const PROCESS_BYTES = randomBytes(5);
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * Record ids are 24 lower-case hex digits, made as MongoDB makes an ObjectId: 4 bytes of seconds, 5 bytes
 * random per process, a 3-byte counter. Ids one process makes later sort later, and across processes to
 * the second, which the directory and announcements rely on; the MongoDB adapters store them as real
 * ObjectIds. Domain code only ever sees the string.
 */
export function newId(): string {
  const id = Buffer.alloc(12);
  id.writeUInt32BE(Math.floor(Date.now() / 1000), 0);
  PROCESS_BYTES.copy(id, 4);
  counter = (counter + 1) % 0x1000000;
  id.writeUIntBE(counter, 9, 3);
  return id.toString('hex');
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
