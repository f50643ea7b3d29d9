import { printError } from '../print';
import type { Command } from 'commander';
import { CliContext, type GlobalOptions } from '../cli-context';

/**
 * Wraps a command's action: a context from the global options, closed afterwards, and any error
 * printed as one line with exit code 1.
 */
export function runner(program: Command) {
  return <A extends unknown[]>(action: (context: CliContext, ...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      const context = new CliContext(program.opts<GlobalOptions>());
      try {
        await action(context, ...args);
      } catch (error) {
        printError(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      } finally {
        context.close();
      }
    };
}

export type Runner = ReturnType<typeof runner>;
