/**
 * Decrypts a push message as the browser would (RFC 8291 over RFC 8188's aes128gcm), so a delivery recorded by
 * the service is one a browser could read.
 */
import { createDecipheriv, createHmac, type ECDH } from 'node:crypto';
import { refuse } from './refusal';

export interface BrowserKeys {
  ecdh: ECDH;
  /** The browser's own public key, 65 bytes uncompressed. */
  publicKey: Buffer;
  authSecret: Buffer;
}

const hmac = (key: Buffer, ...data: Buffer[]): Buffer =>
  createHmac('sha256', key).update(Buffer.concat(data)).digest();
const ONE = Buffer.from([0x01]);

function parseRecordHeader(body: Buffer): { salt: Buffer; rs: number; senderKey: Buffer; record: Buffer } {
  if (body.length < 21) refuse(400, 'the body is shorter than an aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  if (idlen !== 65) refuse(400, `the keyid must be the sender's 65-byte public key, its length is ${idlen}`);
  const senderKey = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (rs < 18) refuse(400, `record size ${rs} is below the minimum of 18`);
  // A Web Push message fits in one record (the body is capped at 4096 octets and senders use rs = 4096); a body
  // that would need more is a sender bug, so it is refused rather than decoded record by record.
  if (record.length > rs) refuse(400, `multi-record bodies are not supported (${record.length} > rs ${rs})`);
  if (record.length < 17) refuse(400, 'the record is shorter than a tag and a delimiter');
  return { salt, rs, senderKey, record };
}

function deriveContentKeys(
  keys: BrowserKeys,
  salt: Buffer,
  senderKey: Buffer,
): { cek: Buffer; nonce: Buffer } {
  let ecdhSecret: Buffer;
  try {
    ecdhSecret = keys.ecdh.computeSecret(senderKey);
  } catch {
    return refuse(400, 'the keyid is not a valid P-256 point, no ECDH secret can be derived');
  }
  const prkKey = hmac(keys.authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'ascii'), keys.publicKey, senderKey]);
  const ikm = hmac(prkKey, keyInfo, ONE);
  const prk = hmac(salt, ikm);
  return {
    cek: hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0', 'ascii'), ONE).subarray(0, 16),
    nonce: hmac(prk, Buffer.from('Content-Encoding: nonce\0', 'ascii'), ONE).subarray(0, 12),
  };
}

function removePadding(padded: Buffer): Buffer {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0) end -= 1;
  // 0x02 marks the last record; 0x01 would announce more records, which a single-record body cannot have.
  if (end === 0 || padded[end - 1] !== 0x02)
    refuse(400, 'the plaintext does not end with the last-record delimiter');
  return padded.subarray(0, end - 1);
}

export function decryptPushBody(body: Buffer, keys: BrowserKeys): Buffer {
  const { salt, senderKey, record } = parseRecordHeader(body);
  const { cek, nonce } = deriveContentKeys(keys, salt, senderKey);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  let padded: Buffer;
  try {
    padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  } catch {
    return refuse(400, 'decryption failed: the tag does not authenticate (wrong keys, salt or auth secret)');
  }
  return removePadding(padded);
}

export function parsePayload(plaintext: Buffer): unknown {
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch {
    return refuse(400, `the decrypted payload is not JSON: ${plaintext.toString('utf8').slice(0, 80)}`);
  }
}
