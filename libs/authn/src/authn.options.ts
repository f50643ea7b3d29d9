export const AUTHN_OPTIONS = Symbol('AUTHN_OPTIONS');

export interface AuthnOptions {
  issuer: string;
  audience: string;
  /** Access token lifetime; revocations are kept this long. */
  accessTokenTtlSeconds: number;
  /**
   * Where public keys come from: auth's JWKS URL, or `local` when the process also signs
   * (auth, standalone) and a global module provides `PublicKeySource`.
   */
  keys: { jwksUrl: string } | 'local';
}

/** The algorithm is pinned: `none`, HMAC and anything but RS256 are refused before any key is used. */
export const ACCESS_TOKEN_ALGORITHM = 'RS256';
