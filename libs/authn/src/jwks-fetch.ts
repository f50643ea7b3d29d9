import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM } from './authn.options';
import { isWellFormedKeyId } from './key-id';

/** Far more than auth ever publishes (the signing key and a few retired ones). */
const MAX_KEYS = 20;

interface JwkLike {
  kid?: unknown;
  kty?: unknown;
  use?: unknown;
  alg?: unknown;
}

/**
 * Fetches a JWKS within `timeoutMs` (connect, headers and body) and returns its RSA signing keys as PEM,
 * by `kid`. Keys of another type, use or algorithm are skipped. Throws on any failure, and when no usable
 * key is left: an empty set would refuse every token, which is never what the caller should switch to.
 */
export async function fetchJwks(url: string, timeoutMs: number): Promise<Map<string, string>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
  const document = (await response.json()) as { keys?: unknown };
  if (!Array.isArray(document?.keys)) throw new Error('JWKS has no keys array');
  const keys = new Map<string, string>();
  for (const jwk of (document.keys as JwkLike[]).slice(0, MAX_KEYS)) {
    const pem = signingKeyPem(jwk);
    if (pem) keys.set(jwk.kid as string, pem);
  }
  if (keys.size === 0) throw new Error('JWKS holds no usable RSA signing key');
  return keys;
}

function signingKeyPem(jwk: JwkLike): string | undefined {
  if (typeof jwk !== 'object' || jwk === null || !isWellFormedKeyId(jwk.kid)) return undefined;
  if (jwk.kty !== 'RSA' || jwk.use !== 'sig') return undefined;
  if (jwk.alg !== undefined && jwk.alg !== ACCESS_TOKEN_ALGORITHM) return undefined;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return undefined;
  }
}
