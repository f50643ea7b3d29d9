import { print, printError } from '../print';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Message } from '@chat/contracts';
import type { CliContext } from '../cli-context';
import type { Runner } from './command-runner';
import { printHistory } from './rooms.commands';

/** Prints messages one at a time, in the order they were delivered, even though names resolve async. */
function printer(context: CliContext) {
  let queue = Promise.resolve();
  return (message: Message, prefix = '') => {
    queue = queue.then(async () => print(prefix + (await context.formatMessage(message))));
  };
}

/** Interactive chat: every stdin line is sent, live messages are printed, `/quit` (or EOF) exits. */
async function chat(context: CliContext, roomId: string): Promise<void> {
  const { client } = context;
  await context.connect();
  await client.api.joinRoom(roomId);
  // Live messages wait until the history above them is printed.
  const printMessage = printer(context);
  const held: Message[] = [];
  let historyShown = false;
  client.on('message', (message) => {
    if (message.roomId !== roomId) return;
    if (historyShown) printMessage(message);
    else held.push(message);
  });
  // Edits, deletions and reactions, live or caught up after a reconnect (the SDK resumes by rev).
  const printChange = (message: Message) => {
    if (message.roomId === roomId && historyShown) printMessage(message, 'changed: ');
  };
  client.on('message:updated', printChange);
  client.on('message:deleted', (event) => printChange(event.message));
  client.on('state', (state) => state !== 'offline' && printError(`[connection: ${state}]`));
  client.on('announcement', (a) => print(`[announcement] ${a.text}`));
  client.on('typing', (t) => {
    if (t.roomId === roomId && t.typing)
      void context.username(t.userId).then((n) => printError(`[${n} is typing]`));
  });
  const room = await client.join(roomId);
  print(`chatting in ${room.name ?? 'a direct message'}; type a message and press enter, /quit to leave`);
  await printHistory(context, roomId, 20, room.lastSeq + 1);
  historyShown = true;
  for (const message of held) printMessage(message);

  const input = createInterface({ input: process.stdin, terminal: false });
  let sending = Promise.resolve();
  for await (const line of input) {
    const text = line.trim();
    if (text === '/quit') break;
    if (!text) continue;
    sending = sending.then(() =>
      client.send(roomId, text).then(
        () => undefined,
        (error: Error) => printError(`error: could not send: ${error.message}`),
      ),
    );
  }
  input.close();
  await sending;
  print('bye');
}

export function chatCommand(program: Command, run: Runner): void {
  program
    .command('chat')
    .description('chat interactively in a room: each line you type is sent; /quit leaves')
    .argument('<roomId>')
    .action(run((context, roomId: string) => chat(context, roomId)));
}
