import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root, so that the checks run the same from any working directory. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

export const repoPath = (...segments: string[]): string => join(REPO_ROOT, ...segments);

export const readRepoFile = (...segments: string[]): string => readFileSync(repoPath(...segments), 'utf8');

/** Whether a command is on the PATH; the Debian tools (nginx, docker-compose, unzip) come from .ci/run. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and returns its exit status and output instead of throwing. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): CommandResult {
  try {
    const stdout = execFileSync(command, args, {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return {
      status: failed.status ?? 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}
