import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '@chat/contracts';
import { HttpClient } from '@chat/testing';
import type { Cluster } from '@chat/local-cluster';
import { startFaultCluster } from './support/fault-cluster';
import { expectCleanDelivery, runScenario, type ScenarioResult } from './support/fault-scenario';

/**
 * A gateway dies mid-stream (SIGKILL) or drains (SIGTERM) while every client sends through nginx.
 * Nothing acked may be lost, nothing stored twice, no seq reordered, and every member must end
 * gap-free from its join point, having reconnected (p99) within 10 s.
 */
describe('fault suite: gateways', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startFaultCluster('faults_gateways');
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  function expectClean(result: ScenarioResult): void {
    expectCleanDelivery(result);
    expect(result.reconnects).toBeGreaterThan(0);
  }

  it('SIGKILL of one gateway mid-stream loses, duplicates and reorders nothing', async () => {
    const result = await runScenario(cluster, {
      name: 'sigkill-gateway',
      fault: async () => {
        await cluster.kill('gateway-1');
        await sleep(3000);
        await cluster.revive('gateway-1');
      },
    });
    expectClean(result);
  }, 60_000);

  it('SIGTERM of one gateway drains its clients to the others, polling clients with upgrade included', async () => {
    const result = await runScenario(cluster, {
      name: 'sigterm-gateway',
      pollingClients: 3,
      // The polling clients' gateway drains, so they reconnect to another and upgrade again there.
      fault: async (placement) => {
        const target = placement.find((client) => client.polling)!.gateway;
        await cluster.terminate(target);
        await cluster.revive(target);
      },
    });
    expectClean(result);
    expect(result.upgraded).toBe(3);
  }, 60_000);

  it('reconnect storm: restarting nginx under 200 connected clients loses nothing, and all come back', async () => {
    const result = await runScenario(cluster, {
      name: 'reconnect-storm',
      // 9 senders and 191 listeners, about 67 clients on each gateway; every one loses its connection at once.
      perGateway: 3,
      listeners: 191,
      intervalMs: 300,
      trafficMs: 10_000,
      fault: () => cluster.restart('nginx'),
    });
    expectClean(result);
    expect(result.clients).toBe(200);
    expect(result.reconnectedClients).toBe(200);
  }, 120_000);

  it('SIGKILL of one auth replica: tokens still verify from the cached JWKS and logins go to the other', async () => {
    const http = new HttpClient(cluster.url);
    const username = `authfault_${Date.now().toString(36)}`;
    const password = 'correct horse battery';
    const before = (await http.post<Session>('/api/auth/register', { username, password })).body;
    // Rooms and gateways have fetched the JWKS once by now (the scenarios above used tokens).
    expect((await http.withToken(before.accessToken).get('/api/rooms')).status).toBe(200);

    await cluster.kill('auth-1');
    try {
      for (let i = 0; i < 6; i++) {
        const login = await http.post<Session>('/api/auth/login', { username, password });
        expect(login.status).toBe(200);
        expect((await http.withToken(login.body.accessToken).get('/api/rooms')).status).toBe(200);
      }
      expect((await http.withToken(before.accessToken).get('/api/rooms')).status).toBe(200);
      expect((await http.withToken(before.accessToken).get('/api/auth/me')).status).toBe(200);
    } finally {
      await cluster.revive('auth-1');
    }
  }, 60_000);
});
