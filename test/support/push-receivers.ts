/**
 * Local stand-ins for the two places the server sends push notifications to, so integration tests can
 * watch deliveries without a browser or a vendor:
 * - a Web Push service (RFC 8030) that checks VAPID (RFC 8292) and decrypts (RFC 8291 / RFC 8188) the way a
 *   browser vendor's service and the browser would, so a delivery recorded here is one a browser would show;
 * - a push gateway speaking the Matrix push gateway request shape (the operator's relay to APNs/FCM).
 * Both record what arrived, can be scripted to fail or to hang, and let tests wait for events, never for time.
 */
import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type ECDH,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebPushSubscriptionInput } from '@chat/contracts';

const DEFAULT_WAIT_MS = 15_000;

export interface WaitOptions {
  timeoutMs?: number;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Shared plumbing                                                                                               */
/* ------------------------------------------------------------------------------------------------------------ */

/** An append-only record that tests can wait on: every change re-checks the pending predicates. */
class EventLog<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<(closedReason?: string) => void>();

  constructor(private readonly label: string) {}

  add(item: T): void {
    this.items.push(item);
    this.changed();
  }

  /** Items are sometimes updated in place (a held attempt gets its answer), which must wake waiters too. */
  changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Fails pending waits at once, so a closed receiver does not leave a test hanging for the full timeout. */
  closeWaits(reason: string): void {
    for (const waiter of [...this.waiters]) waiter(reason);
  }

  waitFor(
    predicate: (items: readonly T[]) => boolean,
    { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {},
  ): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const finish = (outcome: { items: T[] } | { error: Error }): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if ('items' in outcome) resolve(outcome.items);
        else reject(outcome.error);
      };
      const check = (closedReason?: string): void => {
        if (closedReason !== undefined) return finish({ error: this.failure(closedReason) });
        try {
          if (predicate(this.items)) finish({ items: [...this.items] });
        } catch (error) {
          finish({ error: error instanceof Error ? error : new Error(String(error)) });
        }
      };
      const timer = setTimeout(
        () => finish({ error: this.failure(`timed out after ${timeoutMs} ms`) }),
        timeoutMs,
      );
      this.waiters.add(check);
      check();
    });
  }

  private failure(why: string): Error {
    const arrived =
      this.items.length === 0 ? ' none' : `\n${this.items.map((item) => `  ${summarize(item)}`).join('\n')}`;
    return new Error(`${this.label}: ${why}; ${this.items.length} arrived:${arrived}`);
  }
}

function summarize(item: unknown): string {
  const text = JSON.stringify(item);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** A request the receiver refuses, thrown from the checks and turned into the answer in one place. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

function refuse(status: number, reason: string): never {
  throw new Refusal(status, reason);
}

/** A real push service caps the body at 4096 octets (RFC 8030 §7.2); a larger one answers 413. */
const MAX_PUSH_BODY = 4096;
const MAX_GATEWAY_BODY = 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(text ? { 'Content-Type': 'application/json' } : {}) });
  res.end(text);
}

async function listenLocally(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Held requests would otherwise keep close() waiting forever.
  server.closeAllConnections();
  await closed;
}

/** A handler's rejection must not become an unhandled rejection that kills the jest worker. */
function guarded(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => answer(res, 500, { error: String(error) }));
  };
}

/**
 * Requests parked without an answer. A parked request whose client goes away (a sender SIGKILLed mid-delivery)
 * is abandoned: it is never answered nor delivered later, as the sender never learnt it was accepted.
 */
class HeldRequests<K> {
  private readonly parked = new Set<{ key: K; res: ServerResponse; resume: () => void }>();

  park(key: K, res: ServerResponse, resume: () => void, abandon: () => void): void {
    const entry = { key, res, resume };
    this.parked.add(entry);
    res.on('close', () => {
      if (this.parked.delete(entry)) abandon();
    });
  }

  release(matches: (key: K) => boolean): void {
    for (const entry of [...this.parked]) {
      if (!matches(entry.key)) continue;
      this.parked.delete(entry);
      entry.resume();
    }
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* A self-signed certificate for 127.0.0.1                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

// web-push sends with https.request whatever the endpoint's scheme, so the push service must speak TLS.
// The certificate is built here with node:crypto (a few DER structures) to need neither openssl nor a package.

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const derSequence = (...content: Buffer[]): Buffer => der(0x30, ...content);

function derOid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const group = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) group.unshift((value & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return der(0x06, Buffer.from(bytes));
}

function derUtcTime(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16);
  return der(0x17, Buffer.from(`${digits}${iso.slice(17, 19)}Z`, 'ascii'));
}

function derName(commonName: string): Buffer {
  const cn = derSequence(derOid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')));
  return derSequence(der(0x31, cn));
}

function derExtensions(ip: string): Buffer {
  const ipBytes = Buffer.from(ip.split('.').map(Number));
  const subjectAltName = derSequence(derOid('2.5.29.17'), der(0x04, derSequence(der(0x87, ipBytes))));
  // CA:true lets the certificate be its own trust anchor when a client is given it as `ca`.
  const basicConstraints = derSequence(
    derOid('2.5.29.19'),
    der(0x01, Buffer.from([0xff])),
    der(0x04, derSequence(der(0x01, Buffer.from([0xff])))),
  );
  return der(0xa3, derSequence(subjectAltName, basicConstraints));
}

function toPem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface TlsIdentity {
  key: string;
  cert: string;
}

function selfSignedCertificate(ip: string): TlsIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaWithSha256 = derSequence(derOid('1.2.840.10045.4.3.2'));
  const serial = Buffer.concat([Buffer.from([0x01]), randomBytes(15)]);
  const now = Date.now();
  const tbs = derSequence(
    der(0xa0, der(0x02, Buffer.from([0x02]))), // X.509 v3
    der(0x02, serial),
    ecdsaWithSha256,
    derName(ip),
    derSequence(derUtcTime(new Date(now - 60 * 60_000)), derUtcTime(new Date(now + 7 * 24 * 60 * 60_000))),
    derName(ip),
    publicKey.export({ type: 'spki', format: 'der' }),
    derExtensions(ip),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = derSequence(tbs, ecdsaWithSha256, der(0x03, Buffer.from([0x00]), signature));
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: toPem('CERTIFICATE', certificate),
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* VAPID (RFC 8292)                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

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

function verifyVapid(header: string | undefined, audience: string, restrictedTo?: string): VapidIdentity {
  const { token, key } = parseVapidAuthorization(header);
  const claims = verifyJwtSignature(token, p256PublicKey(key, 'the k= key'));
  const subject = checkVapidClaims(claims, audience);
  // RFC 8292 §4.2: a subscription made with an applicationServerKey only takes pushes signed by that key.
  if (restrictedTo !== undefined && key !== restrictedTo) {
    refuse(403, 'the k= key is not the applicationServerKey the subscription was made with');
  }
  return { publicKey: key, subject };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Push message headers (RFC 8030) and decryption (RFC 8291 over RFC 8188)                                       */
/* ------------------------------------------------------------------------------------------------------------ */

const URGENCIES = ['very-low', 'low', 'normal', 'high'] as const;
export type PushUrgency = (typeof URGENCIES)[number];

interface PushHeaders {
  ttl: number;
  urgency: PushUrgency | null;
  topic: string | null;
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function readPushHeaders(req: IncomingMessage): PushHeaders {
  const ttl = singleHeader(req, 'ttl');
  if (ttl === undefined || !/^\d+$/.test(ttl))
    refuse(400, `TTL must be a non-negative integer, got ${ttl ?? '(missing)'}`);
  const encoding = singleHeader(req, 'content-encoding');
  if (encoding?.toLowerCase() !== 'aes128gcm')
    refuse(400, `Content-Encoding must be aes128gcm, got ${encoding}`);
  const urgency = singleHeader(req, 'urgency') ?? null;
  if (urgency !== null && !URGENCIES.includes(urgency as PushUrgency))
    refuse(400, `unknown Urgency ${urgency}`);
  const topic = singleHeader(req, 'topic') ?? null;
  if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) {
    refuse(400, `Topic must be at most 32 base64url characters, got ${topic}`);
  }
  return { ttl: Number(ttl), urgency: urgency as PushUrgency | null, topic };
}

interface BrowserKeys {
  ecdh: ECDH;
  /** The browser's own public key, 65 bytes uncompressed. */
  publicKey: Buffer;
  authSecret: Buffer;
}

const hmac = (key: Buffer, ...data: Buffer[]): Buffer =>
  createHmac('sha256', key).update(Buffer.concat(data)).digest();
const ONE = Buffer.from([0x01]);

function parseRecordHeader(body: Buffer): { salt: Buffer; rs: number; senderKey: Buffer; record: Buffer } {
  if (body.length < 21) refuse(400, 'the body is shorter than an aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  if (idlen !== 65) refuse(400, `the keyid must be the sender's 65-byte public key, its length is ${idlen}`);
  const senderKey = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (rs < 18) refuse(400, `record size ${rs} is below the minimum of 18`);
  // A Web Push message fits in one record (the body is capped at 4096 octets and senders use rs = 4096); a body
  // that would need more is a sender bug, so it is refused rather than decoded record by record.
  if (record.length > rs) refuse(400, `multi-record bodies are not supported (${record.length} > rs ${rs})`);
  if (record.length < 17) refuse(400, 'the record is shorter than a tag and a delimiter');
  return { salt, rs, senderKey, record };
}

function deriveContentKeys(
  keys: BrowserKeys,
  salt: Buffer,
  senderKey: Buffer,
): { cek: Buffer; nonce: Buffer } {
  let ecdhSecret: Buffer;
  try {
    ecdhSecret = keys.ecdh.computeSecret(senderKey);
  } catch {
    return refuse(400, 'the keyid is not a valid P-256 point, no ECDH secret can be derived');
  }
  const prkKey = hmac(keys.authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'ascii'), keys.publicKey, senderKey]);
  const ikm = hmac(prkKey, keyInfo, ONE);
  const prk = hmac(salt, ikm);
  return {
    cek: hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0', 'ascii'), ONE).subarray(0, 16),
    nonce: hmac(prk, Buffer.from('Content-Encoding: nonce\0', 'ascii'), ONE).subarray(0, 12),
  };
}

function removePadding(padded: Buffer): Buffer {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0) end -= 1;
  // 0x02 marks the last record; 0x01 would announce more records, which a single-record body cannot have.
  if (end === 0 || padded[end - 1] !== 0x02)
    refuse(400, 'the plaintext does not end with the last-record delimiter');
  return padded.subarray(0, end - 1);
}

function decryptPushBody(body: Buffer, keys: BrowserKeys): Buffer {
  const { salt, senderKey, record } = parseRecordHeader(body);
  const { cek, nonce } = deriveContentKeys(keys, salt, senderKey);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  let padded: Buffer;
  try {
    padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  } catch {
    return refuse(400, 'decryption failed: the tag does not authenticate (wrong keys, salt or auth secret)');
  }
  return removePadding(padded);
}

function parsePayload(plaintext: Buffer): unknown {
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch {
    return refuse(400, `the decrypted payload is not JSON: ${plaintext.toString('utf8').slice(0, 80)}`);
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The Web Push service                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface WebPushDelivery {
  subscriptionEndpoint: string;
  /** The decrypted payload, parsed as JSON. */
  payload: unknown;
  ttl: number;
  urgency: PushUrgency | null;
  topic: string | null;
  vapid: VapidIdentity;
  receivedAt: Date;
}

export type WebPushAttemptOutcome =
  /** Verified, decrypted and answered 201. */
  | 'delivered'
  /** Failed a check (VAPID, headers, decryption, size, unknown subscription); `reason` says which. */
  | 'rejected'
  /** Passed the checks and was answered the status scripted with respondWith(). */
  | 'scripted'
  /** Parked by hold(); becomes another outcome on release(). */
  | 'held'
  /** Parked by hold(), and the sender went away before release(). */
  | 'abandoned';

export interface WebPushAttempt {
  subscriptionEndpoint: string;
  outcome: WebPushAttemptOutcome;
  /** The status answered; null while held or when abandoned. */
  status: number | null;
  reason?: string;
  /** The decrypted payload, when the request got that far. */
  payload?: unknown;
  receivedAt: Date;
}

export type ScriptedResponse = number | 'hold';

export interface CreateSubscriptionOptions {
  /** Start scripted: a status to answer (410, 404, 500…) or 'hold'. */
  respond?: ScriptedResponse;
  /** Restricts the subscription to pushes signed with this VAPID public key (base64url), answering 403 otherwise. */
  applicationServerKey?: string;
}

export type WebPushTestSubscription = Omit<WebPushSubscriptionInput, 'kind'>;

export interface WebPushService {
  /** https://127.0.0.1:<port>, the `aud` senders must sign for. */
  origin: string;
  /** The service's self-signed certificate (PEM), for an https.Agent's `ca`. */
  ca: string;
  /** A file holding `ca`, for NODE_EXTRA_CA_CERTS of a sender running as a child process. */
  caFile: string;
  /** An agent trusting `ca`, for in-process senders: `webpush.sendNotification(sub, body, { agent })`. */
  agent: HttpsAgent;
  deliveries: WebPushDelivery[];
  attempts: WebPushAttempt[];
  createSubscription(options?: CreateSubscriptionOptions): WebPushTestSubscription;
  respondWith(endpoint: string, status: number): void;
  /** Undoes respondWith() for the endpoint: answer normally again. */
  respondNormally(endpoint: string): void;
  hold(endpoint: string): void;
  /** Stops holding the endpoint (all endpoints without one) and answers what was parked, if its sender is still there. */
  release(endpoint?: string): void;
  waitFor(
    predicate: (deliveries: readonly WebPushDelivery[]) => boolean,
    options?: WaitOptions,
  ): Promise<WebPushDelivery[]>;
  waitForAttempt(
    predicate: (attempts: readonly WebPushAttempt[]) => boolean,
    options?: WaitOptions,
  ): Promise<WebPushAttempt[]>;
  close(): Promise<void>;
}

interface BrowserSubscription extends BrowserKeys {
  endpoint: string;
  applicationServerKey?: string;
}

type Verdict = { accepted: Omit<WebPushDelivery, 'receivedAt'> } | { refused: Refusal };

function judgePush(
  req: IncomingMessage,
  body: Buffer,
  subscription: BrowserSubscription,
  origin: string,
): Verdict {
  try {
    const vapid = verifyVapid(singleHeader(req, 'authorization'), origin, subscription.applicationServerKey);
    const headers = readPushHeaders(req);
    const payload = parsePayload(decryptPushBody(body, subscription));
    return { accepted: { subscriptionEndpoint: subscription.endpoint, payload, ...headers, vapid } };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error };
    throw error;
  }
}

function newBrowserSubscription(origin: string, options: CreateSubscriptionOptions): BrowserSubscription {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const endpoint = `${origin}/push/${randomBytes(12).toString('base64url')}`;
  return {
    endpoint,
    ecdh,
    publicKey,
    authSecret: randomBytes(16),
    applicationServerKey: options.applicationServerKey,
  };
}

function writeCaFile(cert: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'push-service-ca-'));
  const path = join(dir, 'ca.pem');
  writeFileSync(path, cert);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startWebPushService(): Promise<WebPushService> {
  const tls = selfSignedCertificate('127.0.0.1');
  const subscriptions = new Map<string, BrowserSubscription>();
  const scripts = new Map<string, ScriptedResponse>();
  const deliveries = new EventLog<WebPushDelivery>('web push deliveries');
  const attempts = new EventLog<WebPushAttempt>('web push attempts');
  const held = new HeldRequests<string>();
  let origin = '';

  const settle = (res: ServerResponse, verdict: Verdict, attempt: WebPushAttempt): void => {
    const script = scripts.get(attempt.subscriptionEndpoint);
    if ('refused' in verdict) {
      Object.assign(attempt, {
        outcome: 'rejected',
        status: verdict.refused.status,
        reason: verdict.refused.message,
      });
      answer(res, verdict.refused.status, { reason: verdict.refused.message });
    } else if (typeof script === 'number') {
      Object.assign(attempt, { outcome: 'scripted', status: script, payload: verdict.accepted.payload });
      answer(res, script, { reason: 'scripted by the test' });
    } else {
      Object.assign(attempt, { outcome: 'delivered', status: 201, payload: verdict.accepted.payload });
      deliveries.add({ ...verdict.accepted, receivedAt: attempt.receivedAt });
      answer(res, 201, undefined, { Location: `/message/${randomBytes(8).toString('base64url')}` });
    }
  };

  const refuseEarly = (res: ServerResponse, endpoint: string, status: number, reason: string): void => {
    attempts.add({
      subscriptionEndpoint: endpoint,
      outcome: 'rejected',
      status,
      reason,
      receivedAt: new Date(),
    });
    answer(res, status, { reason });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !id) return answer(res, 404, { reason: 'not a push resource' });
    const endpoint = `${origin}/push/${id}`;
    const body = await readBody(req, MAX_PUSH_BODY);
    const subscription = subscriptions.get(endpoint);
    if (!subscription) return refuseEarly(res, endpoint, 404, 'no such subscription');
    if (body === 'too-large')
      return refuseEarly(res, endpoint, 413, `the body exceeds ${MAX_PUSH_BODY} octets`);
    const verdict = judgePush(req, body, subscription, origin);
    const attempt: WebPushAttempt = {
      subscriptionEndpoint: endpoint,
      outcome: 'held',
      status: null,
      // A held request's payload is known already: what a sender killed mid-request was sending.
      payload: 'accepted' in verdict ? verdict.accepted.payload : undefined,
      receivedAt: new Date(),
    };
    if (scripts.get(endpoint) !== 'hold') {
      settle(res, verdict, attempt);
      return attempts.add(attempt);
    }
    attempts.add(attempt);
    held.park(
      endpoint,
      res,
      () => {
        settle(res, verdict, attempt);
        attempts.changed();
      },
      () => {
        attempt.outcome = 'abandoned';
        attempts.changed();
      },
    );
  };

  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, guarded(handle));
  const port = await listenLocally(server);
  origin = `https://127.0.0.1:${port}`;
  const caFile = writeCaFile(tls.cert);
  const agent = new HttpsAgent({ ca: tls.cert });

  return {
    origin,
    ca: tls.cert,
    caFile: caFile.path,
    agent,
    deliveries: deliveries.items,
    attempts: attempts.items,
    createSubscription(options = {}) {
      const subscription = newBrowserSubscription(origin, options);
      subscriptions.set(subscription.endpoint, subscription);
      if (options.respond !== undefined) scripts.set(subscription.endpoint, options.respond);
      return {
        endpoint: subscription.endpoint,
        keys: {
          p256dh: subscription.publicKey.toString('base64url'),
          auth: subscription.authSecret.toString('base64url'),
        },
      };
    },
    respondWith: (endpoint, status) => void scripts.set(endpoint, status),
    respondNormally: (endpoint) => void scripts.delete(endpoint),
    hold: (endpoint) => void scripts.set(endpoint, 'hold'),
    release(endpoint) {
      for (const [key, script] of scripts) {
        if (script === 'hold' && (endpoint === undefined || key === endpoint)) scripts.delete(key);
      }
      held.release((key) => endpoint === undefined || key === endpoint);
    },
    waitFor: (predicate, options) => deliveries.waitFor(predicate, options),
    waitForAttempt: (predicate, options) => attempts.waitFor(predicate, options),
    async close() {
      deliveries.closeWaits('the web push service closed');
      attempts.closeWaits('the web push service closed');
      agent.destroy();
      await closeServer(server);
      caFile.remove();
    },
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The push gateway (Matrix push gateway request shape)                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export const PUSH_GATEWAY_NOTIFY_PATH = '/_matrix/push/v1/notify';

export interface GatewayDevice {
  app_id: string;
  pushkey: string;
  pushkey_ts?: number;
  data?: Record<string, unknown>;
  tweaks?: Record<string, unknown>;
}

/** What a gateway is sent; only `devices` is required by the gateway itself, the rest is what the app chose. */
export interface GatewayNotification {
  event_id?: string;
  room_id?: string;
  type?: string;
  sender?: string;
  sender_display_name?: string;
  room_name?: string;
  prio?: 'high' | 'low';
  counts?: { unread?: number; missed_calls?: number };
  content?: Record<string, unknown>;
  id?: string;
  devices: GatewayDevice[];
  [field: string]: unknown;
}

export interface GatewayDelivery {
  notification: GatewayNotification;
  /** The pushkeys answered as rejected (see reject()). */
  rejected: string[];
  receivedAt: Date;
}

export interface GatewayAttempt {
  outcome: 'delivered' | 'rejected' | 'scripted' | 'held' | 'abandoned';
  status: number | null;
  reason?: string;
  notification?: GatewayNotification;
  receivedAt: Date;
}

export interface PushGatewayReceiver {
  /** The full notify URL. */
  url: string;
  deliveries: GatewayDelivery[];
  attempts: GatewayAttempt[];
  /** Answers `{ rejected: [pushkey] }` to later notifications for that pushkey (the token is dead). */
  reject(pushkey: string): void;
  respondWith(status: number): void;
  respondNormally(): void;
  hold(): void;
  release(): void;
  waitFor(
    predicate: (deliveries: readonly GatewayDelivery[]) => boolean,
    options?: WaitOptions,
  ): Promise<GatewayDelivery[]>;
  waitForAttempt(
    predicate: (attempts: readonly GatewayAttempt[]) => boolean,
    options?: WaitOptions,
  ): Promise<GatewayAttempt[]>;
  close(): Promise<void>;
}

function parseNotification(body: Buffer): GatewayNotification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  const notification = (parsed as { notification?: unknown } | null)?.notification;
  if (!notification || typeof notification !== 'object') refuse(400, 'the body has no notification object');
  const devices = (notification as { devices?: unknown }).devices;
  const wellFormed =
    Array.isArray(devices) &&
    devices.length > 0 &&
    devices.every(
      (device: unknown) =>
        typeof (device as GatewayDevice | null)?.app_id === 'string' &&
        typeof (device as GatewayDevice | null)?.pushkey === 'string',
    );
  if (!wellFormed) refuse(400, 'notification.devices must be a non-empty list of { app_id, pushkey }');
  return notification as GatewayNotification;
}

function authorizeGateway(req: IncomingMessage, secret: string): void {
  if (singleHeader(req, 'authorization') !== `Bearer ${secret}`)
    refuse(401, 'missing or wrong bearer secret');
}

export async function startPushGatewayReceiver({ secret }: { secret: string }): Promise<PushGatewayReceiver> {
  const deliveries = new EventLog<GatewayDelivery>('push gateway deliveries');
  const attempts = new EventLog<GatewayAttempt>('push gateway attempts');
  const held = new HeldRequests<null>();
  const rejectedPushkeys = new Set<string>();
  let script: ScriptedResponse | null = null;

  const settle = (
    res: ServerResponse,
    verdict: GatewayNotification | Refusal,
    attempt: GatewayAttempt,
  ): void => {
    if (verdict instanceof Refusal) {
      Object.assign(attempt, { outcome: 'rejected', status: verdict.status, reason: verdict.message });
      return answer(res, verdict.status, { errcode: 'M_UNKNOWN', error: verdict.message });
    }
    attempt.notification = verdict;
    if (typeof script === 'number') {
      Object.assign(attempt, { outcome: 'scripted', status: script });
      return answer(res, script, { error: 'scripted by the test' });
    }
    const rejected = verdict.devices
      .map((device) => device.pushkey)
      .filter((key) => rejectedPushkeys.has(key));
    Object.assign(attempt, { outcome: 'delivered', status: 200 });
    deliveries.add({ notification: verdict, rejected, receivedAt: attempt.receivedAt });
    answer(res, 200, { rejected });
  };

  const judge = (req: IncomingMessage, body: Buffer | 'too-large'): GatewayNotification | Refusal => {
    try {
      authorizeGateway(req, secret);
      if (body === 'too-large') refuse(413, 'the body is too large');
      return parseNotification(body);
    } catch (error) {
      if (error instanceof Refusal) return error;
      throw error;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== PUSH_GATEWAY_NOTIFY_PATH)
      return answer(res, 404, { errcode: 'M_UNRECOGNIZED' });
    const verdict = judge(req, await readBody(req, MAX_GATEWAY_BODY));
    const attempt: GatewayAttempt = { outcome: 'held', status: null, receivedAt: new Date() };
    if (script !== 'hold') {
      settle(res, verdict, attempt);
      return attempts.add(attempt);
    }
    attempts.add(attempt);
    held.park(
      null,
      res,
      () => {
        settle(res, verdict, attempt);
        attempts.changed();
      },
      () => {
        attempt.outcome = 'abandoned';
        attempts.changed();
      },
    );
  };

  const server = createHttpServer(guarded(handle));
  const port = await listenLocally(server);

  return {
    url: `http://127.0.0.1:${port}${PUSH_GATEWAY_NOTIFY_PATH}`,
    deliveries: deliveries.items,
    attempts: attempts.items,
    reject: (pushkey) => void rejectedPushkeys.add(pushkey),
    respondWith: (status) => void (script = status),
    respondNormally: () => void (script = null),
    hold: () => void (script = 'hold'),
    release() {
      if (script === 'hold') script = null;
      held.release(() => true);
    },
    waitFor: (predicate, options) => deliveries.waitFor(predicate, options),
    waitForAttempt: (predicate, options) => attempts.waitFor(predicate, options),
    async close() {
      deliveries.closeWaits('the push gateway receiver closed');
      attempts.closeWaits('the push gateway receiver closed');
      await closeServer(server);
    },
  };
}
