import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';

/**
 * Access tokens for thousands of synthetic users, signed with the cluster's own key (the local cluster
 * keeps it in its run folder): registering 10k users would cost 10k argon2 hashes and measure auth, not
 * the gateway. The gateway verifies them exactly as auth's: RS256, kid from the JWKS, issuer, audience,
 * expiry, claim shape and the revocation list. Users that exist nowhere else is fine for idle sockets.
 */
export async function mintTokens(clusterUrl: string, runDir: string, count: number): Promise<string[]> {
  const jwks = (await (await fetch(`${clusterUrl}/api/auth/jwks`)).json()) as { keys: { kid: string }[] };
  const kid = jwks.keys[0].kid;
  const key = createPrivateKey(readFileSync(join(runDir, 'auth-signing-key.pem'), 'utf8'));
  const prefix = Date.now().toString(16);
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    tokens.push(
      sign({ sid: randomUUID(), roles: ['user'] }, key, {
        algorithm: 'RS256',
        keyid: kid,
        subject: `${prefix}${index.toString(16).padStart(8, '0')}`.padStart(24, '0'),
        issuer: 'chat-auth',
        audience: 'chat',
        expiresIn: '1h',
      }),
    );
  }
  return tokens;
}
