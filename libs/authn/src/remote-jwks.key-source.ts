import { JwksClient } from 'jwks-rsa';
import { PublicKeySource } from './public-key.source';

/**
 * Reads auth's JWKS and caches it. An unknown `kid` triggers a refetch (rate-limited), so a rotated key
 * is picked up at once, and a cached key keeps verifying while auth itself is down.
 */
export class RemoteJwksKeySource extends PublicKeySource {
  private readonly client: JwksClient;

  constructor(jwksUri: string) {
    super();
    this.client = new JwksClient({
      jwksUri,
      cache: true,
      cacheMaxEntries: 20,
      cacheMaxAge: 10 * 60_000,
      rateLimit: true,
      jwksRequestsPerMinute: 30,
      timeout: 5_000,
    });
  }

  async publicKeyPem(kid: string): Promise<string> {
    const key = await this.client.getSigningKey(kid);
    return key.getPublicKey();
  }
}
