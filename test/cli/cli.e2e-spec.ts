import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChatClient } from '@chat/client-sdk';
import type { ManagedProcess } from '@chat/local-cluster';
import { startStandaloneProcess } from '../support/gateway-processes';
import { PASSWORD, uniqueName } from '../support/users';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The terminal client as a user meets it: a process, its arguments, its input and its output. */
describe('terminal client (apps/cli, spawned)', () => {
  let server: ManagedProcess;
  let url: string;
  const admin = uniqueName('root');
  const homes = {
    admin: mkdtempSync(join(tmpdir(), 'chat-cli-')),
    bob: mkdtempSync(join(tmpdir(), 'chat-cli-')),
  };
  let roomId: string;
  let adminId: string;

  function start(home: string, args: string[]): ChildProcessWithoutNullStreams {
    return spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, CHAT_URL: url, CHAT_CLI_HOME: home },
    });
  }

  function cli(home: string, args: string[], input?: string): Promise<Run> {
    const child = start(home, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input);
    return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  }

  async function ok(home: string, args: string[], input?: string): Promise<string> {
    const run = await cli(home, args, input);
    if (run.code !== 0) throw new Error(`cli ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
    return run.stdout;
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: the test command builds first (npm test)`);
    // The server creates the admin at boot; nothing a client does can make one.
    const started = await startStandaloneProcess({ ADMIN_USERNAME: admin, ADMIN_PASSWORD: PASSWORD });
    server = started.process;
    url = started.url;
  });
  afterAll(async () => {
    await server.stop('SIGKILL');
  });

  it('explains every command in --help', async () => {
    const help = await ok(homes.admin, ['--help']);
    for (const command of [
      'register',
      'login',
      'rooms',
      'create-room',
      'open-room',
      'send',
      'delete-room',
      'announce',
      'grant-admin',
      'online',
      'chat',
      'notifications',
    ])
      expect(help).toContain(command);
    expect(help).toContain('CHAT_URL');
  });

  it('logs in as the bootstrapped admin (password read from stdin), creates a room, sends, and shows it in open-room', async () => {
    const loggedIn = await ok(homes.admin, ['login', admin], `${PASSWORD}\n`);
    expect(loggedIn).toMatch(new RegExp(`^logged in as ${admin} \\(([0-9a-f]{24})\\)`, 'm'));
    adminId = /\(([0-9a-f]{24})\)/.exec(loggedIn)![1];
    expect((await cli(homes.bob, ['register', admin, '-p', PASSWORD])).stderr).toMatch(/error:.*taken/i);

    const created = await ok(homes.admin, ['create-room', 'cli lounge']);
    roomId = /created room ([0-9a-f]{24})/.exec(created)![1];
    expect(await ok(homes.admin, ['rooms'])).toContain('cli lounge');

    expect(await ok(homes.admin, ['send', roomId, 'hello', 'from', 'the', 'terminal'])).toMatch(/sent #1/);
    const opened = await ok(homes.admin, ['open-room', roomId]);
    expect(opened).toContain(`#1`);
    expect(opened).toContain(`${admin}: hello from the terminal`);
  });

  it('prints text from other users with its control and bidi characters made visible, never obeyed', async () => {
    const hostile = 'red \u001b[31mALERT\u001b]0;pwned\u0007 \u202eevil\rgood';
    expect(await ok(homes.admin, ['send', roomId, hostile])).toMatch(/sent #/);
    const shown = await ok(homes.admin, ['open-room', roomId]);
    expect(shown).toContain('red \\u{1b}[31mALERT\\u{1b}]0;pwned\\u{7} \\u{202e}evil\\u{d}good');
    // eslint-disable-next-line no-control-regex -- the assertion is that none reaches the terminal
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('lets a second user register (password read from stdin), log in, join by open-room, and see who is online', async () => {
    const bob = uniqueName('bob');
    expect(await ok(homes.bob, ['register', bob], `${PASSWORD}\n`)).toMatch(
      new RegExp(`registered and logged in as ${bob} \\([0-9a-f]{24}\\)`),
    );
    await ok(homes.bob, ['logout']);
    expect((await cli(homes.bob, ['rooms'])).stderr).toContain('Not logged in');
    await ok(homes.bob, ['login', bob, '-p', PASSWORD]);
    expect(await ok(homes.bob, ['open-room', roomId])).toContain('hello from the terminal');
    const online = await ok(homes.bob, ['online', adminId, bob]);
    expect(online).toContain(`${admin}  offline`);
    expect(online).toContain(`${bob}  online`);
  });

  it("shows and sets a room's notification level, and refuses an unknown one", async () => {
    expect(await ok(homes.bob, ['notifications', roomId])).toContain('notifications: mentions');
    expect(await ok(homes.bob, ['notifications', roomId, 'none'])).toContain('notifications: none');
    expect(await ok(homes.bob, ['notifications', roomId])).toContain('notifications: none');
    const refused = await cli(homes.bob, ['notifications', roomId, 'loud']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('level must be one of: all, mentions, none');
  });

  it('runs the operator commands, and refuses them to a non-admin', async () => {
    expect(await ok(homes.admin, ['announce', 'maintenance', 'at', 'noon'])).toContain('announced');
    const refused = await cli(homes.bob, ['announce', 'not allowed']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: .*admin/i);

    const bobName = (await ok(homes.bob, ['whoami'])).split(' ')[0];
    expect(await ok(homes.admin, ['grant-admin', bobName])).toContain('is now an admin');
    expect((await cli(homes.admin, ['grant-admin', 'no-such-user-xyz'])).stderr).toContain('No user named');
    // The role reaches bob's tokens at his next login.
    await ok(homes.bob, ['login', bobName, '-p', PASSWORD]);
    expect(await ok(homes.bob, ['announce', 'bob speaks as admin'])).toContain('announced');
  });

  it('chats interactively: a typed line comes back as a delivered message, /quit exits', async () => {
    const child = start(homes.admin, ['chat', roomId]);
    let stdout = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no ${pattern} in: ${stdout}`)), 10_000);
        const check = () => {
          if (!pattern.test(stdout)) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          done();
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));

    await seen(/\/quit to leave/);
    await seen(/hello from the terminal/);
    child.stdin.write('typed interactively\n');
    await seen(new RegExp(`#\\d+ \\d\\d:\\d\\d ${admin}: typed interactively`));
    // A message from someone else arrives live.
    await ok(homes.bob, ['send', roomId, 'bob replies']);
    await seen(/#\d+ \d\d:\d\d \S+: bob replies/);
    // Bob's edits and reactions show up as changes (the SDK also replays them after a reconnect).
    const bobClient = new ChatClient({ baseUrl: url });
    try {
      await bobClient.login((await ok(homes.bob, ['whoami'])).split(' ')[0], PASSWORD);
      bobClient.connect();
      await bobClient.join(roomId);
      const reply = (await bobClient.history(roomId, { limit: 5 })).items.find(
        (m) => m.body === 'bob replies',
      )!;
      await bobClient.edit(roomId, reply.id, 'bob replies, edited');
      await seen(/changed: #\d+ \d\d:\d\d \S+: bob replies, edited \(edited\)/);
      await bobClient.react(roomId, reply.id, '🎉');
      await seen(/changed: #\d+ .*bob replies, edited \(edited\) \[🎉 1\]/);
      await bobClient.delete(roomId, reply.id);
      await seen(/changed: #\d+ \d\d:\d\d \S+: \(deleted\)/);
    } finally {
      bobClient.close();
    }
    child.stdin.write('/quit\n');
    expect(await exited).toBe(0);
    expect(stdout).toContain('bye');
  });

  it('deletes a room as its owner', async () => {
    expect(await ok(homes.admin, ['delete-room', roomId])).toContain('deleted room');
    expect((await cli(homes.admin, ['open-room', roomId])).stderr).toMatch(/error:/);
  });
});
