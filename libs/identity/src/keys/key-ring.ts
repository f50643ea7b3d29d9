import type { JwksDocument, PublicJwk } from '@chat/contracts';
import { PublicKeySource } from '@chat/authn';
import { ACCESS_TOKEN_ALGORITHM } from '@chat/authn';
import type { SigningKey, VerificationKey } from './signing-key';

export { keyIdOf } from './key-id';

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

  jwks(): Promise<JwksDocument> {
    const keys = [...this.byKid.values()].map(({ kid, publicKey }): PublicJwk => ({
      ...publicKey.export({ format: 'jwk' }),
      kid,
      alg: ACCESS_TOKEN_ALGORITHM,
      use: 'sig',
      kty: 'RSA',
    }));
    return Promise.resolve({ keys });
  }
}
