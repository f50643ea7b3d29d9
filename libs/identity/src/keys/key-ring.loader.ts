import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeySettings } from '../identity.options';
import { keyIdOf } from './key-id';
import { KeyRing } from './key-ring';
import type { SigningKey, VerificationKey } from './signing-key';

const PEM_PUBLIC_KEY = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('AUTH_SIGNING_KEY must be an RSA private key');
  return { kid: keyIdOf(publicKey), privateKey, publicKey };
}

function verificationKeyFromPem(pem: string): VerificationKey {
  const publicKey = createPublicKey(pem);
  return { kid: keyIdOf(publicKey), publicKey };
}

export function keysFolder(dataDir: string): string {
  return join(dataDir, 'keys');
}

/** Writes a new RSA key named by its creation time; the newest key in the folder signs. */
export function generateKeyFile(dataDir: string, now = Date.now()): string {
  const folder = keysFolder(dataDir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const path = join(folder, `${now}.pem`);
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return path;
}

/**
 * Keys kept in the data folder (dev and standalone). A retired key stays published until every token it
 * signed has expired: until its successor is older than the access-token lifetime (plus clock skew).
 */
function keyRingFromFolder(dataDir: string, accessTokenTtlSeconds: number): KeyRing {
  const folder = keysFolder(dataDir);
  const listKeys = () => {
    try {
      return readdirSync(folder)
        .filter((name) => /^\d+\.pem$/.test(name))
        .sort((a, b) => Number(a.slice(0, -4)) - Number(b.slice(0, -4)));
    } catch {
      return [];
    }
  };
  if (listKeys().length === 0) generateKeyFile(dataDir);
  const names = listKeys();
  const newest = names[names.length - 1];
  const signing = signingKeyFromPem(readFileSync(join(folder, newest), 'utf8'));
  const retired: VerificationKey[] = [];
  for (let index = 0; index < names.length - 1; index++) {
    const successorBornAt = statSync(join(folder, names[index + 1])).mtimeMs;
    const stillValid = Date.now() - successorBornAt < (accessTokenTtlSeconds + 60) * 1000;
    if (stillValid) retired.push(verificationKeyFromPem(readFileSync(join(folder, names[index]), 'utf8')));
  }
  return new KeyRing(signing, retired);
}

/** Keys from the environment in production; generated and kept in the data folder otherwise. */
export function loadKeyRing(settings: KeySettings, accessTokenTtlSeconds: number): KeyRing {
  if (settings.signingKeyPem) {
    const signing = signingKeyFromPem(settings.signingKeyPem.replace(/\\n/g, '\n'));
    const retiredPems = settings.retiredPublicKeysPem?.replace(/\\n/g, '\n').match(PEM_PUBLIC_KEY) ?? [];
    return new KeyRing(signing, retiredPems.map(verificationKeyFromPem));
  }
  if (settings.requireProvidedKey) {
    throw new Error('AUTH_SIGNING_KEY is required in production; see docs/operations.md §Keys');
  }
  return keyRingFromFolder(settings.dataDir, accessTokenTtlSeconds);
}
