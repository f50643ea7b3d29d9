import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The label keeps the sealing key apart from the token's stored SHA-256 hash: a plain hash of the token
 * would be the very key, and the database would then open its own seals.
 */
const KEY_LABEL = 'chat refresh successor seal v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyOf(previousToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', previousToken, Buffer.alloc(0), KEY_LABEL, 32));
}

/**
 * Encrypts the successor of a refresh token (AES-256-GCM) under a key only the previous token itself
 * yields. The store keeps the seal beside the previous token's hash, so whoever presents that token
 * again within the grace window gets the same successor, while a database leak gives nothing usable.
 */
export function sealSuccessor(successorToken: string, previousToken: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(previousToken), iv);
  const sealed = Buffer.concat([cipher.update(successorToken, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** @returns null when the seal was not made with this token, or was altered */
export function openSuccessor(seal: string, previousToken: string): string | null {
  const bytes = Buffer.from(seal, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', keyOf(previousToken), bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
