import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

const SECRET_FILE = 'attachment-links.key';

/**
 * The HMAC key of the app's own download links. ATTACHMENT_LINK_SECRET when set (every replica must
 * share it); else, for the single process, a key generated once into DATA_DIR; else (a replica with no
 * shared key) a key of this process only, which is refused in production: another replica could not
 * check the links this one makes.
 */
export function attachmentLinkSecret(
  configured: string | undefined,
  where: { dataDir: string } | { production: boolean },
): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  if ('dataDir' in where) {
    const path = join(where.dataDir, SECRET_FILE);
    try {
      return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
    } catch {
      mkdirSync(where.dataDir, { recursive: true, mode: 0o700 });
      const secret = randomBytes(32);
      writeFileSync(path, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
      return secret;
    }
  }
  if (where.production) throw new Error('ATTACHMENT_LINK_SECRET is required in production (32+ characters)');
  new Logger('Attachments').warn(
    'ATTACHMENT_LINK_SECRET is unset: download links made here are valid on this replica only',
  );
  return randomBytes(32);
}
