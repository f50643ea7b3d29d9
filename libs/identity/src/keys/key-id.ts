import { createHash, type KeyObject } from 'node:crypto';

/**
 * RFC 7638 thumbprint (SHA-256, base64url) of an RSA public key: every replica derives the same `kid` from
 * the same key, with nothing to configure. The members are the required ones, in lexicographic order.
 */
export function keyIdOf(publicKey: KeyObject): string {
  const { e, kty, n } = publicKey.export({ format: 'jwk' });
  if (kty !== 'RSA') throw new Error(`keys are RSA; this one is ${String(kty)}`);
  return createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
}
