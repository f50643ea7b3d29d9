/** VAPID (RFC 8292): the push service checks who sends, as a browser vendor's service would. */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { refuse } from './refusal';

const MAX_VAPID_LIFETIME_SECONDS = 24 * 60 * 60;

export interface VapidIdentity {
  /** base64url of the sender's 65-byte uncompressed P-256 public key (the `k` parameter). */
  publicKey: string;
  /** The JWT's `sub`: how the push service would contact the sender's operator. */
  subject: string;
}

/**
 * Only `vapid t=<jwt>, k=<key>` is accepted: web-push 3.6.7 sends the older `WebPush <jwt>` + `Crypto-Key:
 * p256ecdsa=` form only with the legacy aesgcm encoding, which this service refuses anyway.
 */
function parseVapidAuthorization(header: string | undefined): { token: string; key: string } {
  const match = /^vapid\s+(.+)$/i.exec(header ?? '');
  if (!match) refuse(401, `Authorization is not a "vapid t=…, k=…" header: ${header ?? '(missing)'}`);
  const params = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const at = part.indexOf('=');
    if (at > 0) params.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) refuse(401, 'the vapid Authorization lacks its t= or k= parameter');
  return { token, key };
}

function p256PublicKey(encoded: string, what: string): KeyObject {
  const point = Buffer.from(encoded, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04)
    refuse(401, `${what} is not a 65-byte uncompressed P-256 point`);
  try {
    return createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    return refuse(401, `${what} is not a point on P-256`);
  }
}

function decodeJsonSegment(segment: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the refusal below
  }
  return refuse(401, `the VAPID JWT's ${what} is not a JSON object`);
}

function verifyJwtSignature(token: string, key: KeyObject): Record<string, unknown> {
  const segments = token.split('.');
  if (segments.length !== 3) refuse(401, 'the VAPID JWT does not have three segments');
  const [headerSegment, claimsSegment, signatureSegment] = segments;
  const header = decodeJsonSegment(headerSegment, 'header');
  if (header.alg !== 'ES256') refuse(401, `the VAPID JWT's alg is ${String(header.alg)}, not ES256`);
  const signature = Buffer.from(signatureSegment, 'base64url');
  const signed = Buffer.from(`${headerSegment}.${claimsSegment}`, 'ascii');
  const valid =
    signature.length === 64 && verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!valid) refuse(401, "the VAPID JWT's signature does not verify with the k= key");
  return decodeJsonSegment(claimsSegment, 'claims');
}

function checkVapidClaims(claims: Record<string, unknown>, audience: string): string {
  if (claims.aud !== audience) refuse(401, `the VAPID JWT's aud is ${String(claims.aud)}, not ${audience}`);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const exp = claims.exp;
  if (typeof exp !== 'number' || exp <= nowSeconds)
    refuse(401, `the VAPID JWT has expired (exp ${String(exp)})`);
  if (exp > nowSeconds + MAX_VAPID_LIFETIME_SECONDS)
    refuse(401, `the VAPID JWT's exp is more than 24 h ahead`);
  const subject = claims.sub;
  if (typeof subject !== 'string' || !/^(mailto:|https:)/.test(subject) || !URL.canParse(subject)) {
    refuse(401, `the VAPID JWT's sub is not a mailto: or https: URL: ${String(subject)}`);
  }
  return subject;
}

export function verifyVapid(
  header: string | undefined,
  audience: string,
  restrictedTo?: string,
): VapidIdentity {
  const { token, key } = parseVapidAuthorization(header);
  const claims = verifyJwtSignature(token, p256PublicKey(key, 'the k= key'));
  const subject = checkVapidClaims(claims, audience);
  // RFC 8292 §4.2: a subscription made with an applicationServerKey only takes pushes signed by that key.
  if (restrictedTo !== undefined && key !== restrictedTo) {
    refuse(403, 'the k= key is not the applicationServerKey the subscription was made with');
  }
  return { publicKey: key, subject };
}
