import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { KeyObject } from 'node:crypto';
import type { JwksDocument, PublicJwk } from '@chat/contracts';
import { PublicKeySource } from '@chat/authn';
import { ACCESS_TOKEN_ALGORITHM } from '@chat/authn';
import type { SigningKey, VerificationKey } from './signing-key';

/** RFC 7638 thumbprint: every replica derives the same `kid` from the same key, with nothing to configure. */
export async function keyIdOf(publicKey: KeyObject): Promise<string> {
  return calculateJwkThumbprint(await exportJWK(publicKey), 'sha256');
}

/**
 * The signing key and every public key still worth publishing. It is also this process's key source,
 * so auth verifies its own tokens without a round trip to its own JWKS.
 */
export class KeyRing extends PublicKeySource {
  private readonly byKid: Map<string, VerificationKey>;

  constructor(
    readonly signing: SigningKey,
    retired: VerificationKey[],
  ) {
    super();
    this.byKid = new Map(
      [signing, ...retired].map((key) => [key.kid, { kid: key.kid, publicKey: key.publicKey }]),
    );
  }

  publicKeyPem(kid: string): Promise<string> {
    const key = this.byKid.get(kid);
    if (!key) return Promise.reject(new Error(`unknown kid ${kid}`));
    return Promise.resolve(key.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  }

  async jwks(): Promise<JwksDocument> {
    const keys = await Promise.all(
      [...this.byKid.values()].map(async ({ kid, publicKey }): Promise<PublicJwk> => ({
        ...(await exportJWK(publicKey)),
        kid,
        alg: ACCESS_TOKEN_ALGORITHM,
        use: 'sig',
        kty: 'RSA',
      })),
    );
    return { keys };
  }
}
