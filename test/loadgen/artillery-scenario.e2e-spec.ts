import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { parse } from 'yaml';
import type { Room } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { HttpClient } from '@chat/testing';
import { startStandaloneProcess } from '../support/gateway-processes';
import { PASSWORD, uniqueName } from '../support/users';

const DIR = resolve(__dirname, '../../deploy/load/artillery');

type Step = Record<string, any>;
type Vars = Record<string, string>;

/** Artillery's `{{ name }}` substitution, deep, over strings in objects and arrays. */
function template(value: unknown, vars: Vars): any {
  if (typeof value === 'string')
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => vars[name]);
  if (Array.isArray(value)) return value.map((item) => template(item, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, template(item, vars)]));
  return value;
}

/**
 * We do not install artillery (it is the teams' own tool), so this walks the shipped scenario's flow
 * step by step against a real server: the processor's functions, the HTTP steps with their captures,
 * the Socket.IO connect with the handshake auth, and every emit with its ack match. A scenario that
 * drifted from the protocol (a path, an event name, a payload field, the ack shape) fails here.
 */
describe('artillery scenario (deploy/load/artillery)', () => {
  let server: ManagedProcess;
  let url: string;
  let socket: Socket | undefined;

  beforeAll(async () => {
    const started = await startStandaloneProcess();
    server = started.process;
    url = started.url;
  });
  afterAll(async () => {
    socket?.close();
    await server?.stop('SIGKILL');
  });

  it('its flow registers, joins, connects and sends with acks that match, against the real server', async () => {
    const script = parse(readFileSync(resolve(DIR, 'chat-room.yml'), 'utf8'));
    const processor = (await import(resolve(DIR, script.config.processor))) as Record<
      string,
      (context: { vars: Vars }, events: unknown, next: () => void) => void
    >;
    expect(Object.keys(script.config.engines)).toEqual(['socketio-v3']);
    const [scenario] = script.scenarios;
    expect(scenario.engine).toBe('socketio-v3');

    const owner = (
      await new HttpClient(url).post('/api/auth/register', {
        username: uniqueName('art'),
        password: PASSWORD,
      })
    ).body;
    const room = (
      await new HttpClient(url)
        .withToken(owner.accessToken)
        .post<Room>('/api/rooms', { name: 'artillery', visibility: 'public' })
    ).body;
    const vars: Vars = { roomId: room.id };
    const acks: unknown[] = [];

    const run = async (steps: Step[]): Promise<void> => {
      for (const step of steps) {
        if (step.function) processor[step.function]({ vars }, {}, () => undefined);
        else if (step.post) {
          const request = template(step.post, vars);
          const response = await fetch(`${url}${request.url}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(request.headers ?? {}) },
            body: request.json ? JSON.stringify(request.json) : undefined,
          });
          expect(response.status).toBeLessThan(300);
          const body = (await response.json()) as Vars;
          for (const capture of request.capture ?? [])
            vars[capture.as] = body[capture.json.replace('$.', '')];
        } else if (step.connect) {
          socket = io(url, {
            ...script.config.engines['socketio-v3'],
            auth: template(step.connect.auth, vars),
            forceNew: true,
          });
          await new Promise<void>((done, fail) =>
            socket!.once('connect', () => done()).once('connect_error', fail),
          );
        } else if (step.emit) {
          const [event, payload] = template(step.emit, vars);
          const answer = await socket!.timeout(5000).emitWithAck(event, payload);
          acks.push(answer);
          const { json, value } = step.acknowledge.match;
          expect(json).toBe('$.0.ok');
          expect(answer.ok).toBe(value);
        } else if (step.loop) for (let i = 0; i < 2; i++) await run(step.loop);
        else if (step.think === undefined) throw new Error(`unknown step ${JSON.stringify(step)}`);
      }
    };
    await run(scenario.flow);

    expect(acks).toHaveLength(3);
    const history = await new HttpClient(url)
      .withToken(owner.accessToken)
      .get(`/api/rooms/${room.id}/messages`);
    expect(history.body.items.map((message: { body: string }) => message.body)).toEqual([
      'hello from artillery',
      'hello from artillery',
    ]);
  });
});
