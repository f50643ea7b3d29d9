/** Wire objects of the auth and users rows of PROTOCOL.md. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  createdAt: string;
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token in seconds; at most 900. */
  expiresIn: number;
}

export interface UserList {
  items: User[];
}

export type GlobalRole = 'user' | 'admin';

/** Claims every access token carries. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  roles: GlobalRole[];
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
}

/** A public key as published at `/api/auth/jwks`. */
export interface PublicJwk {
  kid: string;
  kty: string;
  alg: string;
  use: 'sig';
  [member: string]: unknown;
}

export interface JwksDocument {
  keys: PublicJwk[];
}
