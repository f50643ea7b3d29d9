import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManagedProcess, type ManagedProcessSpec } from './managed-process';

const dir = mkdtempSync(join(tmpdir(), 'chat-managed-process-'));

/** A node child running `script`; it counts as ready once it has written `<dir>/<name>.ready`. */
function nodeProcess(name: string, script: string, extra: Partial<ManagedProcessSpec> = {}) {
  const readyFile = join(dir, `${name}.ready`);
  return new ManagedProcess({
    name,
    command: process.execPath,
    args: ['-e', script, readyFile],
    env: {},
    logFile: join(dir, `${name}.log`),
    ready: () => Promise.resolve(existsSync(readyFile)),
    readyTimeoutMs: 10_000,
    ...extra,
  });
}

const markReady = `require('node:fs').writeFileSync(process.argv[1], '')`;
const stayAlive = 'setInterval(() => undefined, 1000)';

/** Alive and not a zombie (an orphan's zombie lingers until its new parent reaps it). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('ManagedProcess', () => {
  it('waits until ready, and stop resolves to the exit code of a graceful exit', async () => {
    const child = nodeProcess(
      'graceful',
      `process.on('SIGTERM', () => process.exit(0)); ${markReady}; ${stayAlive}`,
    );
    await child.start();
    expect(child.running).toBe(true);
    expect(await child.stop('SIGTERM')).toBe(0);
    expect(child.running).toBe(false);
  });

  it('resolves exited() to the code of a process that ends by itself', async () => {
    const child = nodeProcess('self-exit', `${markReady}; setTimeout(() => process.exit(5), 200)`);
    await child.start();
    expect(await child.exited()).toBe(5);
  });

  it('fails fast, naming the log, when the process exits before it is ready', async () => {
    const child = nodeProcess('early-exit', 'process.exit(3)');
    await expect(child.start()).rejects.toThrow(
      /early-exit exited before it was ready; see .*early-exit\.log/,
    );
  });

  it('fails fast, with the cause, when the command does not exist', async () => {
    const started = Date.now();
    const child = new ManagedProcess({
      name: 'missing',
      command: join(dir, 'no-such-binary'),
      args: [],
      env: {},
      ready: () => Promise.resolve(true),
    });
    await expect(child.start()).rejects.toThrow(/missing could not start: .*ENOENT/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('with a process group of its own, a SIGKILL reaches the children too (nginx’s workers)', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const spawnGrandchild = `const c = require('node:child_process').spawn(process.execPath, ['-e', '${stayAlive}'], { stdio: 'ignore' }); require('node:fs').writeFileSync('${pidFile}', String(c.pid))`;
    const child = nodeProcess('group', `${spawnGrandchild}; ${markReady}; ${stayAlive}`, {
      ownProcessGroup: true,
    });
    await child.start();
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(grandchild)).toBe(true);
    expect(await child.stop('SIGKILL')).toBeNull();
    const deadline = Date.now() + 5_000;
    while (alive(grandchild) && Date.now() < deadline) await sleep(50);
    expect(alive(grandchild)).toBe(false);
  });
});
