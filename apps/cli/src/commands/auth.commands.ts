import { print } from '../print';
import type { Command } from 'commander';
import { readLine } from '../prompt';
import type { Runner } from './command-runner';

interface PasswordOptions {
  password?: string;
  displayName?: string;
}

const password = async (options: PasswordOptions) => options.password ?? (await readLine('password: '));

export function authCommands(program: Command, run: Runner): void {
  program
    .command('register')
    .description('create an account and log in (the session is stored for later commands)')
    .argument('<username>', '3–32 of letters, digits, "_", "." and "-"')
    .option('-p, --password <password>', 'the password (8–128); read from stdin when left out')
    .option('-d, --display-name <name>', 'the name others see; defaults to the username')
    .action(
      run(async (context, username: string, options: PasswordOptions) => {
        const user = await context.client.register(username, await password(options), options.displayName);
        print(`registered and logged in as ${user.username} (${user.id})`);
      }),
    );

  program
    .command('login')
    .description('log in and store the session')
    .argument('<username>')
    .option('-p, --password <password>', 'the password; read from stdin when left out')
    .action(
      run(async (context, username: string, options: PasswordOptions) => {
        const user = await context.client.login(username, await password(options));
        print(`logged in as ${user.username} (${user.id})`);
      }),
    );

  program
    .command('logout')
    .description('revoke the stored session and forget it')
    .action(
      run(async (context) => {
        context.requireSession();
        await context.client.logout();
        print('logged out');
      }),
    );

  program
    .command('whoami')
    .description('show the logged-in user')
    .action(
      run(async (context) => {
        context.requireSession();
        const me = await context.client.api.me();
        print(`${me.username} (${me.id}) "${me.displayName}"`);
      }),
    );
}
