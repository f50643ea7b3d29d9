import type { Session } from '@chat/contracts';
import { flushTestRedis, type HttpClient } from '@chat/testing';
import { startAuthApp, type RunningApp } from './auth-app.harness';
import { startRoomsApp } from './rooms-app.harness';
import { registerUser, uniqueName } from './users';

export interface Actor {
  session: Session;
  id: string;
  /** Talks to the rooms service with this user's token. */
  rooms: HttpClient;
}

/** Auth and rooms, both real, in process; rooms verifies tokens through auth's JWKS. */
export async function startChatStack(
  database: string,
  adminName = uniqueName('operator'),
  roomsEnv: Record<string, string> = {},
) {
  await flushTestRedis();
  const auth = await startAuthApp(database, {
    ADMIN_USERNAMES: adminName,
    RATE_LIMIT_REGISTER_PER_MINUTE: '1000',
  });
  const rooms = await startRoomsApp(database, auth.url, roomsEnv);
  const actor = async (name = uniqueName()): Promise<Actor> => {
    const session = await registerUser(auth.http, name);
    return { session, id: session.user.id, rooms: rooms.http.withToken(session.accessToken) };
  };
  return {
    auth,
    rooms,
    actor,
    admin: () => actor(adminName),
    close: async () => {
      await rooms.close();
      await auth.close();
    },
  };
}

export type ChatStack = Awaited<ReturnType<typeof startChatStack>>;
export type { RunningApp };
