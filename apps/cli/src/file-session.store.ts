import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionStore, StoredSession } from '@chat/client-sdk';

interface SessionFile {
  baseUrl: string;
  session: StoredSession;
}

/**
 * The CLI's session, in `<home>/session.json` (mode 0600), for one base URL at a time. It is
 * rewritten after every refresh, because the refresh token rotates.
 */
export class FileSessionStore implements SessionStore {
  private readonly file: string;

  constructor(
    private readonly home: string,
    private readonly baseUrl: string,
  ) {
    this.file = join(home, 'session.json');
  }

  load(): StoredSession | null {
    if (!existsSync(this.file)) return null;
    try {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as SessionFile;
      return saved.baseUrl === this.baseUrl ? saved.session : null;
    } catch {
      return null;
    }
  }

  save(session: StoredSession | null): void {
    if (!session) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    const saved: SessionFile = { baseUrl: this.baseUrl, session };
    writeFileSync(this.file, JSON.stringify(saved, null, 2), { mode: 0o600 });
    chmodSync(this.file, 0o600);
  }
}
