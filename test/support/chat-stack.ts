import type { Session } from '@chat/contracts';
import { flushTestRedis, type HttpClient } from '@chat/testing';
import { startAuthApp, type RunningApp } from './auth-app.harness';
import { startRoomsApp } from './rooms-app.harness';
import { loginUser, PASSWORD, registerUser, uniqueName } from './users';

export interface Actor {
  session: Session;
  id: string;
  /** Talks to the rooms service with this user's token. */
  rooms: HttpClient;
}

/**
 * Auth and rooms, both real, in process; rooms verifies tokens through auth's JWKS. Auth creates the
 * admin at boot (ADMIN_USERNAME, ADMIN_PASSWORD), and `admin()` logs in as that account.
 */
export async function startChatStack(
  database: string,
  adminName = uniqueName('operator'),
  roomsEnv: Record<string, string> = {},
) {
  await flushTestRedis();
  const auth = await startAuthApp(database, {
    ADMIN_USERNAME: adminName,
    ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_REGISTER_PER_MINUTE: '1000',
  });
  const rooms = await startRoomsApp(database, auth.url, roomsEnv);
  const toActor = (session: Session): Actor => ({
    session,
    id: session.user.id,
    rooms: rooms.http.withToken(session.accessToken),
  });
  const actor = async (name = uniqueName()): Promise<Actor> => toActor(await registerUser(auth.http, name));
  return {
    auth,
    rooms,
    actor,
    admin: async () => toActor(await loginUser(auth.http, adminName)),
    close: async () => {
      await rooms.close();
      await auth.close();
    },
  };
}

export type ChatStack = Awaited<ReturnType<typeof startChatStack>>;
export type { RunningApp };
