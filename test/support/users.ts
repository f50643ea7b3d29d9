import type { Room, Session } from '@chat/contracts';
import type { HttpClient } from '@chat/testing';

let counter = 0;

/** A username unique within the run, so tests never collide on the shared servers. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter}`;
}

export const PASSWORD = 'correct horse battery';

export async function registerUser(http: HttpClient, username = uniqueName()): Promise<Session> {
  const result = await http.post<Session>('/api/auth/register', { username, password: PASSWORD });
  if (result.status !== 201)
    throw new Error(`register ${username}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** Logs in an existing account, such as the admin the server bootstraps from ADMIN_USERNAME. */
export async function loginUser(http: HttpClient, username: string, password = PASSWORD): Promise<Session> {
  const result = await http.post<Session>('/api/auth/login', { username, password });
  if (result.status !== 200)
    throw new Error(`login ${username}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** Two fresh users and a public room that the first owns: the cast of most room tests. */
export async function ownerMemberAndRoom(
  http: HttpClient,
  roomName: string,
): Promise<{ owner: Session; member: Session; room: Room }> {
  const owner = await registerUser(http, uniqueName('owner'));
  const member = await registerUser(http, uniqueName('member'));
  const room = (
    await http.withToken(owner.accessToken).post<Room>('/api/rooms', { name: roomName, visibility: 'public' })
  ).body;
  return { owner, member, room };
}
