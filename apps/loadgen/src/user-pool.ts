import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Session } from '@chat/contracts';
import { ChatApiError, type ChatApi } from '@chat/client-sdk';
import { mapBounded } from './bounded';
import { politely } from './polite-retry';

export interface LoadUser {
  username: string;
  password: string;
}

/** Users made by earlier runs, per base URL, so that a long test series does not hit registration limits. */
type UsersFile = Record<string, LoadUser[]>;

function readUsersFile(path: string): UsersFile {
  if (!existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as UsersFile;
}

function writeUsersFile(path: string, file: UsersFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600 });
}

const newUser = (): LoadUser => ({
  username: `load_${randomBytes(6).toString('hex')}`,
  password: randomBytes(12).toString('base64url'),
});

export interface UserPoolOptions {
  baseUrl: string;
  count: number;
  /** Where users are remembered; `null` for a target that forgets them (the kit's own cluster). */
  usersFile: string | null;
  reuse: boolean;
  concurrency: number;
  onWait: (code: string, ms: number) => void;
  onReady: (done: number) => void;
}

/**
 * Sessions for `count` users over HTTP, a few at a time (argon2id makes every login expensive on
 * purpose): earlier runs' users log in when `reuse` is set, the rest are registered and remembered.
 */
export async function acquireSessions(
  api: ChatApi,
  options: UserPoolOptions,
): Promise<{ sessions: Session[]; reused: number }> {
  const file = options.usersFile ? readUsersFile(options.usersFile) : {};
  const known = options.reuse ? (file[options.baseUrl] ?? []).slice(0, options.count) : [];
  const fresh = Array.from({ length: options.count - known.length }, newUser);
  let done = 0;
  const ready = <T>(value: T): T => {
    options.onReady((done += 1));
    return value;
  };
  const loggedIn = await mapBounded(known, options.concurrency, async (user) =>
    ready(await politely(() => api.login(user.username, user.password), options.onWait)),
  );
  const registered: Session[] = [];
  try {
    await mapBounded(fresh, options.concurrency, async (user) => {
      registered.push(ready(await register(api, user, options.onWait)));
    });
  } finally {
    // Whatever was registered is remembered, even when preparation failed half-way.
    const made = fresh.filter((user) =>
      registered.some((session) => session.user.username === user.username),
    );
    if (made.length > 0 && options.usersFile) {
      file[options.baseUrl] = [...(file[options.baseUrl] ?? []), ...made];
      writeUsersFile(options.usersFile, file);
    }
  }
  const byName = new Map(registered.map((session) => [session.user.username, session]));
  return {
    sessions: [...loggedIn, ...fresh.map((user) => byName.get(user.username)!)],
    reused: loggedIn.length,
  };
}

async function register(api: ChatApi, user: LoadUser, onWait: UserPoolOptions['onWait']): Promise<Session> {
  try {
    return await politely(() => api.register(user.username, user.password), onWait);
  } catch (error) {
    // A retried registration whose first attempt did land: the user exists with our password.
    if (error instanceof ChatApiError && error.status === 409)
      return politely(() => api.login(user.username, user.password), onWait);
    throw error;
  }
}
