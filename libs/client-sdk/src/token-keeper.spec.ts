import type { Session } from '@chat/contracts';
import { ChatApiError, SessionEndedError } from './errors';
import type { RefreshLock } from './refresh-lock';
import { MemorySessionStore } from './session-store';
import { TokenKeeper } from './token-keeper';
import { DEFAULT_REFRESH_POLICY } from './token-schedule';

const session = (n: number, expiresIn = 900): Session => ({
  user: { id: 'u1', username: 'alice', displayName: 'alice', createdAt: new Date(0).toISOString() },
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn,
});

describe('TokenKeeper', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('renews on a timer before expiry, and stores the rotated token', async () => {
    const renew = jest.fn((token: string) => Promise.resolve(session(Number(token.split('-')[1]) + 1)));
    const store = new MemorySessionStore();
    const steady = { ...DEFAULT_REFRESH_POLICY, jitterRatio: 0 };
    const keeper = new TokenKeeper(renew, store, () => undefined, steady);
    keeper.adopt(session(1));
    await jest.advanceTimersByTimeAsync(779_000);
    expect(renew).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(renew).toHaveBeenCalledWith('refresh-1');
    expect(store.load()?.refreshToken).toBe('refresh-2');
    expect(await keeper.accessToken()).toBe('access-2');
    keeper.stop();
  });

  it('spends a refresh token once, however many callers find it due', async () => {
    let release!: (value: Session) => void;
    const renew = jest.fn(() => new Promise<Session>((resolve) => (release = resolve)));
    const keeper = new TokenKeeper(renew, new MemorySessionStore(), () => undefined);
    keeper.adopt(session(1, 10), Date.now() - 9_000);
    const tokens = Promise.all([keeper.accessToken(), keeper.accessToken(), keeper.refresh()]);
    release(session(2));
    const [a, b, c] = await tokens;
    expect([a, b, c.accessToken]).toEqual(['access-2', 'access-2', 'access-2']);
    expect(renew).toHaveBeenCalledTimes(1);
    keeper.stop();
  });

  it('ends the session when the refresh is refused', async () => {
    const refused = new ChatApiError({ code: 'UNAUTHORIZED', message: 'spent' }, 401);
    const changes: unknown[] = [];
    const store = new MemorySessionStore();
    const keeper = new TokenKeeper(
      () => Promise.reject(refused),
      store,
      (s, reason) => changes.push(reason),
    );
    keeper.adopt(session(1));
    await expect(keeper.refresh()).rejects.toBeInstanceOf(SessionEndedError);
    expect(changes).toEqual(['ended']);
    expect(store.load()).toBeNull();
    await expect(keeper.accessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('adopts a token another tab already rotated instead of spending its own', async () => {
    const store = new MemorySessionStore();
    const renew = jest.fn(() => Promise.resolve(session(9)));
    const keeper = new TokenKeeper(renew, store, () => undefined);
    keeper.adopt(session(1), Date.now() - 850_000);
    store.save({ ...session(2), accessExpiresAt: Date.now() + 900_000 });
    expect(await keeper.accessToken()).toBe('access-2');
    expect(renew).not.toHaveBeenCalled();
    keeper.stop();
  });

  /** Web Locks as a browser grants them: one holder per name, the others queued in order. */
  function fakeLock(): { lock: RefreshLock; names: string[] } {
    const tails = new Map<string, Promise<unknown>>();
    const names: string[] = [];
    const lock: RefreshLock = (name, task) => {
      names.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(task);
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    };
    return { lock, names };
  }

  it('lets one of two tabs sharing a store and a lock refresh, and the other adopt its token', async () => {
    const store = new MemorySessionStore();
    const { lock, names } = fakeLock();
    const renew = jest.fn((token: string) => Promise.resolve(session(Number(token.split('-')[1]) + 1)));
    const tabs = [1, 2].map(
      () => new TokenKeeper(renew, store, () => undefined, DEFAULT_REFRESH_POLICY, lock),
    );
    for (const tab of tabs) tab.adopt(session(1), Date.now() - 850_000);

    const tokens = await Promise.all(tabs.map((tab) => tab.accessToken()));
    expect(tokens).toEqual(['access-2', 'access-2']);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(store.load()?.refreshToken).toBe('refresh-2');
    expect(new Set(names).size).toBe(1);
    for (const tab of tabs) tab.stop();
  });

  it('names the lock after the session id in the access token', async () => {
    const { lock, names } = fakeLock();
    const claims = Buffer.from(JSON.stringify({ sid: '0123456789abcdef01234567' })).toString('base64url');
    const renew = jest.fn(() => Promise.resolve(session(2)));
    const keeper = new TokenKeeper(
      renew,
      new MemorySessionStore(),
      () => undefined,
      DEFAULT_REFRESH_POLICY,
      lock,
    );
    keeper.adopt({ ...session(1), accessToken: `h.${claims}.s` });
    await keeper.refresh();
    expect(names).toEqual(['chat-refresh:0123456789abcdef01234567']);
    keeper.stop();
  });
});
