import { print } from '../print';
import type { Command } from 'commander';
import type { User } from '@chat/contracts';
import type { CliContext } from '../cli-context';
import type { Runner } from './command-runner';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Finds a user by exact username (search is by prefix, ignoring case). */
export async function userByName(context: CliContext, username: string): Promise<User> {
  const { items } = await context.client.api.searchUsers(username, 50);
  const user = items.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
  if (!user) throw new Error(`No user named ${username}`);
  return user;
}

export function adminCommands(program: Command, run: Runner): void {
  program
    .command('announce')
    .description('publish an announcement to every connected user (global admin)')
    .argument('<text...>', 'the announcement (1–2000)')
    .option('--expires-in <minutes>', 'expire it after this many minutes')
    .action(
      run(async (context, words: string[], options: { expiresIn?: string }) => {
        context.requireSession();
        const expiresAt = options.expiresIn
          ? new Date(Date.now() + Number(options.expiresIn) * 60_000).toISOString()
          : undefined;
        const announcement = await context.client.api.announce(words.join(' '), expiresAt);
        print(`announced ${announcement.id}: ${announcement.text}`);
      }),
    );

  program
    .command('grant-admin')
    .description('give a user the global admin role (global admin); it applies from their next login')
    .argument('<username>')
    .action(
      run(async (context, username: string) => {
        context.requireSession();
        const user = await userByName(context, username);
        await context.client.api.grantAdmin(user.id);
        print(`${user.username} (${user.id}) is now an admin`);
      }),
    );

  program
    .command('online')
    .description('show who is online')
    .argument('<users...>', 'user ids, or usernames')
    .action(
      run(async (context, users: string[]) => {
        await context.connect();
        const ids = await Promise.all(
          users.map(async (user) => (OBJECT_ID.test(user) ? user : (await userByName(context, user)).id)),
        );
        for (const entry of await context.client.presence(ids)) {
          const seen = entry.lastSeenAt ? `  last seen ${entry.lastSeenAt}` : '';
          print(`${await context.username(entry.userId)}  ${entry.status}${seen}`);
        }
      }),
    );
}
