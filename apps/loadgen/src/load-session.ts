import type { Session } from '@chat/contracts';
import { ChatApi, HttpClient, MemorySessionStore, TokenKeeper } from '@chat/client-sdk';

/** One load user: its session, renewed before the access token expires, and its API handle. */
export interface LoadSession {
  session: Session;
  api: ChatApi;
  /** The current access token, for every socket (re)connect of a long run. */
  token(): string;
  stop(): void;
}

/** The API without a session: register, login, refresh. */
export function anonymousApi(baseUrl: string): ChatApi {
  const noSession = () => Promise.reject(new Error('this call needs a session'));
  return new ChatApi(new HttpClient(baseUrl), noSession, noSession);
}

export function loadSession(baseUrl: string, session: Session): LoadSession {
  const anonymous = anonymousApi(baseUrl);
  const keeper = new TokenKeeper(
    (refreshToken) => anonymous.refresh(refreshToken),
    new MemorySessionStore(),
    () => undefined,
  );
  keeper.adopt(session);
  return {
    session,
    api: new ChatApi(
      new HttpClient(baseUrl),
      () => keeper.accessToken(),
      () => keeper.refresh(),
    ),
    token: () => keeper.session?.accessToken ?? session.accessToken,
    stop: () => keeper.stop(),
  };
}
