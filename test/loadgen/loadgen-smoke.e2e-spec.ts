import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ManagedProcess } from '@chat/local-cluster';
import { startStandaloneProcess } from '../support/gateway-processes';

const LOADGEN = resolve(__dirname, '../../dist/apps/loadgen/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function loadgen(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [LOADGEN, ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

/**
 * The load kit's smoke run, as CI runs it: a short load against the standalone server, judged by the
 * shared delivery checker. It asserts correctness only; throughput figures belong to the benchmarks.
 */
describe('load kit (apps/loadgen, spawned) against the standalone server', () => {
  let server: ManagedProcess;
  let url: string;
  const out = mkdtempSync(join(tmpdir(), 'chat-loadgen-'));
  const usersFile = join(out, 'users.json');

  beforeAll(async () => {
    if (!existsSync(LOADGEN))
      throw new Error(`${LOADGEN} is missing: the test command builds first (npm test)`);
    // Every load user registers from loopback: lift the per-address registration limit of this server.
    const started = await startStandaloneProcess({ RATE_LIMIT_REGISTER_PER_MINUTE: '100000' });
    server = started.process;
    url = started.url;
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('offers a fixed load with edits, deletions and reactions; the checker finds no message or change lost, duplicated, reordered or unexpected', async () => {
    const run = await loadgen([
      ...['--url', url, '--users', '12', '--rooms', '3', '--room-sizes', 'zipf'],
      ...[
        '--rate',
        '15',
        '--duration',
        '8',
        '--ramp-up',
        '2',
        '--history-share',
        '0.25',
        '--history-interval',
        '2',
      ],
      ...['--out', join(out, 'first'), '--users-file', usersFile, '--progress', '2'],
    ]);
    expect(run.stderr).toMatch(/\[\s+\d+s\/8s\] offered/);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'first/report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.checker.counts).toMatchObject({
      lost: 0,
      lostChanges: 0,
      duplicated: 0,
      reordered: 0,
      unexpected: 0,
    });
    expect(report.checker.totals.changesAcked).toBeGreaterThan(10);
    expect(report.traffic.acked).toBe(report.traffic.sent);
    expect(report.checker.totals.stored).toBe(report.traffic.sent);
    expect(report.traffic.delivered).toBeGreaterThan(0);
    expect(report.traffic.historyReads).toBeGreaterThan(0);
    expect(report.rooms.sizes).toHaveLength(3);
    expect(report.rooms.sizes.reduce((sum: number, size: number) => sum + size, 0)).toBe(12);
    expect(report.latency.delivery.p99).toBeGreaterThan(0);
    expect(run.stdout).toContain('delivery checker: PASS');
    expect(readFileSync(join(out, 'first/latency.svg'), 'utf8')).toMatch(
      /^<svg[\s\S]*latency over time[\s\S]*<\/svg>$/,
    );
  }, 60_000);

  it('reuses the users of an earlier run, over long-polling with upgrade, and still checks clean', async () => {
    const run = await loadgen([
      ...['--url', url, '--users', '12', '--rooms', '2', '--rate', '10', '--duration', '4', '--ramp-up', '0'],
      ...['--transport', 'polling', '--reuse-users', '--users-file', usersFile, '--out', join(out, 'second')],
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'second/report.json'), 'utf8'));
    expect(report.prepare.reused).toBe(12);
    expect(report.ok).toBe(true);
    expect(report.checker.counts).toMatchObject({ lost: 0, duplicated: 0, reordered: 0, unexpected: 0 });
  }, 60_000);

  it('uploads a file before a share of the sends, attaches it, and reports upload latency', async () => {
    const run = await loadgen([
      ...['--url', url, '--users', '12', '--rooms', '2', '--rate', '10', '--duration', '4', '--ramp-up', '0'],
      ...['--uploads', '0.2', '--upload-bytes', '20000', '--no-changes'],
      ...['--reuse-users', '--users-file', usersFile, '--out', join(out, 'uploads')],
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'uploads/report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.traffic.acked).toBe(report.traffic.sent);
    // Exactly a fifth of the sends uploaded first (the share is spread evenly, not drawn at random).
    expect(report.traffic.uploads).toBe(Math.floor(report.traffic.sent * 0.2));
    expect(report.traffic.uploadsFailed).toBe(0);
    expect(report.latency.upload.count).toBe(report.traffic.uploads);
    expect(report.latency.upload.p99).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/uploads \d+ \(0 failed\)/);
    expect(run.stdout).toMatch(/upload\s+\d+/);
  }, 60_000);

  it('refuses a target that is not on this machine unless told --allow-remote', async () => {
    const run = await loadgen(['--url', 'http://192.0.2.10:8080', '--duration', '10']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not on this machine; pass --allow-remote');
  });

  it('refuses settings beyond its safety bounds', async () => {
    const run = await loadgen(['--url', url, '--duration', '99999']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--duration must be between 0 and 3600 seconds');
  });
});
