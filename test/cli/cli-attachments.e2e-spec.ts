import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { standaloneForSuite } from '../support/standalone-process';
import { PASSWORD, uniqueName } from '../support/users';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Files from the terminal: `send --file`, attachments in history, and `download`. */
describe('terminal client: attachments (apps/cli, spawned)', () => {
  const suite = standaloneForSuite('cli-attachments');
  const work = mkdtempSync(join(tmpdir(), 'chat-cli-files-'));
  const homes = { alice: join(work, 'alice'), bob: join(work, 'bob') };

  function cli(home: string, args: string[], cwd = work): Promise<Run> {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, CHAT_URL: suite.http.baseUrl, CHAT_CLI_HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end();
    return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  }

  async function ok(home: string, args: string[], cwd?: string): Promise<string> {
    const run = await cli(home, args, cwd);
    if (run.code !== 0) throw new Error(`cli ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
    return run.stdout;
  }

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: the test command builds first (npm test)`);
  });

  it('sends two files, shows them in another member’s history, and downloads the original and the preview', async () => {
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e76f51' } })
      .png()
      .toBuffer();
    const notes = Buffer.from('meeting notes\nline two\n');
    await writeFile(join(work, 'photo.png'), png);
    await writeFile(join(work, 'notes.txt'), notes);

    await ok(homes.alice, ['register', uniqueName('alice'), '-p', PASSWORD]);
    await ok(homes.bob, ['register', uniqueName('bob'), '-p', PASSWORD]);
    const roomId = /created room ([0-9a-f]{24})/.exec(await ok(homes.alice, ['create-room', 'files']))![1];
    await ok(homes.bob, ['open-room', roomId]);

    const sent = await ok(homes.alice, [
      'send',
      roomId,
      'two',
      'files',
      '--file',
      join(work, 'photo.png'),
      '-f',
      join(work, 'notes.txt'),
    ]);
    expect(sent).toMatch(/sent #1/);
    expect(sent).toMatch(/attachment: photo\.png \(\d+\.\d KB, 640x480\) {2}id [0-9a-f]{24}/);
    expect(sent).toMatch(/attachment: notes\.txt \(23 B\) {2}id [0-9a-f]{24}/);
    // With files only, the text may be left out.
    expect(await ok(homes.alice, ['send', roomId, '--file', join(work, 'notes.txt')])).toMatch(/sent #2/);

    const history = await ok(homes.bob, ['open-room', roomId]);
    expect(history).toContain(': two files\n    attachment: photo.png');
    const photoId = /attachment: photo\.png .* id ([0-9a-f]{24})/.exec(history)![1];
    const notesId = /attachment: notes\.txt .* id ([0-9a-f]{24})/.exec(history)![1];

    const out = join(work, 'copy.png');
    expect(await ok(homes.bob, ['download', photoId, '--out', out])).toContain('image/png');
    expect((await readFile(out)).equals(png)).toBe(true);
    const bobDir = mkdtempSync(join(work, 'downloads-'));
    // Without --out: the name the server gives in Content-Disposition, in the current directory.
    expect(await ok(homes.bob, ['download', notesId], bobDir)).toContain('saved notes.txt');
    expect((await readFile(join(bobDir, 'notes.txt'))).equals(notes)).toBe(true);
    const thumbnail = await ok(homes.bob, ['download', photoId, '--thumbnail'], bobDir);
    // The server names the preview after the original.
    expect(thumbnail).toContain('saved photo.png.webp');
    const preview = await sharp(join(bobDir, 'photo.png.webp')).metadata();
    expect(preview.format).toBe('webp');
    expect(Math.max(preview.width, preview.height)).toBeLessThanOrEqual(320);
  }, 30_000);

  it('refuses more than 10 files and an empty message before uploading anything', async () => {
    const files = Array.from({ length: 11 }, () => ['--file', join(work, 'notes.txt')]).flat();
    const tooMany = await cli(homes.alice, ['send', 'any-room', ...files]);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('At most 10 files');
    expect((await cli(homes.alice, ['send', 'any-room'])).stderr).toContain('Nothing to send');
  });
});
