export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

/** Everything the identity domain needs from its app's config. */
export interface IdentityOptions {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /**
   * How long a just-spent refresh token still answers with the same successor instead of counting as
   * reuse (concurrent tabs, a retried refresh whose answer was lost). 0 turns the grace off.
   * @default 30 (REFRESH_GRACE_SECONDS)
   */
  refreshGraceSeconds?: number;
  /** The first admin, created at boot when no user has the name. Absent: no bootstrap. */
  firstAdmin?: { username: string; password: string };
  /** ADMIN_USERNAMES is set: no longer honoured, and boot warns that it is ignored. */
  legacyAdminUsernamesSet: boolean;
  registrationOpen: boolean;
  rateLimits: {
    registerPerMinute: number;
    loginFailures: number;
    loginWindowSeconds: number;
  };
  argon2: { memoryKib: number; timeCost: number };
  keys: KeySettings;
}

export interface KeySettings {
  /** PEM private key that signs; when absent, keys are generated and kept in `dataDir`. */
  signingKeyPem?: string;
  /** Concatenated PEM public keys of retired signing keys. */
  retiredPublicKeysPem?: string;
  dataDir: string;
  /** Refuse to generate keys (production). */
  requireProvidedKey: boolean;
}
