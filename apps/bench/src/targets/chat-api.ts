import type { Session } from '@chat/contracts';

const PASSWORD = 'benchmark password';

/** POSTs JSON to the chat's HTTP API and returns the parsed answer; throws on a non-2xx status. */
export async function postJson<T>(baseUrl: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** argon2id costs ~50 ms a user, so registration runs a few at a time, once per run. */
export async function registerUsers(baseUrl: string, count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  const prefix = `b${Date.now().toString(36)}`;
  for (let start = 0; start < count; start += 8) {
    const batch = Array.from({ length: Math.min(8, count - start) }, (_, i) =>
      postJson<Session>(baseUrl, '/api/auth/register', undefined, {
        username: `${prefix}_${start + i}`,
        password: PASSWORD,
      }),
    );
    sessions.push(...(await Promise.all(batch)));
  }
  return sessions;
}
