import { escapeControlOrBidi } from '@chat/contracts';

/**
 * Every line the CLI prints goes through here: most carry text written by other users (bodies, names,
 * topics, announcements), and a terminal obeys escape sequences in whatever it is given.
 */
export function print(line: string): void {
  console.log(escapeControlOrBidi(line));
}

/** The same for stderr: error messages quote the server, and the server quotes its input. */
export function printError(line: string): void {
  console.error(escapeControlOrBidi(line));
}
