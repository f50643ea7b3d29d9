/** Finds the public key that a token's `kid` names. Remote (JWKS over HTTP) in services, local in auth. */
export abstract class PublicKeySource {
  /** @returns the PEM of the key, or throws when no key has that id */
  abstract publicKeyPem(kid: string): Promise<string>;
}
