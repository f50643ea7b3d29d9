// web-push sends with https.request whatever the endpoint's scheme, so the push service must speak TLS.
// The certificate is built here with node:crypto (a few DER structures) to need neither openssl nor a package.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { der, derOid, derSequence, derUtcTime } from './der-encoding';

export interface TlsIdentity {
  key: string;
  cert: string;
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

/** A P-256 certificate for `ip`; it starts an hour in the past so that a little clock skew cannot reject it. */
export function selfSignedCertificate(ip: string): TlsIdentity {
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

/** A sender in a child process trusts the certificate only through a file (NODE_EXTRA_CA_CERTS). */
export function writeCaFile(cert: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'push-service-ca-'));
  const path = join(dir, 'ca.pem');
  writeFileSync(path, cert);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
