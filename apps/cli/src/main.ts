#!/usr/bin/env node
import { printError } from './print';
import { Command, Option } from 'commander';
import { DEFAULT_URL } from './cli-context';
import { adminCommands } from './commands/admin.commands';
import { attachmentsCommands } from './commands/attachments.commands';
import { authCommands } from './commands/auth.commands';
import { chatCommand } from './commands/chat.command';
import { runner } from './commands/command-runner';
import { roomsCommands } from './commands/rooms.commands';

const program = new Command('chat')
  .description('Terminal client for the chat backend: chat in rooms, and run the operator commands.')
  .addOption(new Option('--url <url>', 'the base URL of the server').env('CHAT_URL').default(DEFAULT_URL))
  .addOption(
    new Option('--home <dir>', 'where the session is kept (default: ~/.chat-cli)').env('CHAT_CLI_HOME'),
  )
  .showHelpAfterError();

const run = runner(program);
authCommands(program, run);
roomsCommands(program, run);
attachmentsCommands(program, run);
chatCommand(program, run);
adminCommands(program, run);

program.parseAsync(process.argv).catch((error: unknown) => {
  printError(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
