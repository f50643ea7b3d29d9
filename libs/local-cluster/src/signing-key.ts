import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/**
 * Every auth replica must sign with the same key, or tokens from one would not verify against the
 * JWKS the other publishes. One RSA key is made per cluster run and kept (0600) in the run folder.
 */
export function writeSigningKey(path: string): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  writeFileSync(path, privateKey, { mode: 0o600 });
  return privateKey;
}
