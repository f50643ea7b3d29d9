import type { Session } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { HttpClient } from '@chat/testing';
import { startChatStack } from './chat-stack';
import { startGatewayProcess, startStandaloneProcess } from './gateway-processes';
import type { ChatTopology, SocketActor } from './topology';
import { loginUser, PASSWORD, registerUser, uniqueName } from './users';

/** Three gateway processes sharing one Redis, with auth and rooms (in process) and the chosen store. */
export async function startClusterTopology(
  database: string,
): Promise<ChatTopology & { gateways: { process: ManagedProcess; url: string }[] }> {
  const adminName = uniqueName('operator');
  const stack = await startChatStack(database, adminName);
  const gateways = await Promise.all(
    [1, 2, 3].map((index) => startGatewayProcess(`gateway-${index}`, database, stack.auth.url)),
  );
  const toActor = (session: Session): SocketActor => ({
    session,
    id: session.user.id,
    token: session.accessToken,
    http: stack.rooms.http.withToken(session.accessToken),
    auth: stack.auth.http.withToken(session.accessToken),
  });
  return {
    name: 'cluster',
    gateways,
    gatewayUrls: gateways.map((gateway) => gateway.url),
    actor: async () => toActor(await registerUser(stack.auth.http)),
    admin: async () => toActor(await loginUser(stack.auth.http, adminName)),
    close: async () => {
      await Promise.all(gateways.map((gateway) => gateway.process.stop('SIGKILL')));
      await stack.close();
    },
  };
}

/** The standalone server: the same contract from one process, on the memory engine. */
export async function startStandaloneTopology(): Promise<ChatTopology> {
  const adminName = uniqueName('operator');
  const server = await startStandaloneProcess({
    ADMIN_USERNAME: adminName,
    ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_REGISTER_PER_MINUTE: '1000',
  });
  const http = new HttpClient(server.url);
  const toActor = (session: Session): SocketActor => ({
    session,
    id: session.user.id,
    token: session.accessToken,
    http: http.withToken(session.accessToken),
    auth: http.withToken(session.accessToken),
  });
  return {
    name: 'standalone',
    gatewayUrls: [server.url, server.url, server.url],
    actor: async () => toActor(await registerUser(http)),
    admin: async () => toActor(await loginUser(http, adminName)),
    close: async () => {
      await server.process.stop('SIGKILL');
    },
  };
}
