import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { print } from '../print';
import type { Command } from 'commander';
import { NOTIFICATION_LEVELS, type Attachment, type NotificationLevel, type Room } from '@chat/contracts';
import { formatAttachments } from '../attachment-format';
import type { CliContext } from '../cli-context';
import type { Runner } from './command-runner';

function describeRoom(room: Room): string {
  const name = room.kind === 'direct' ? '(direct message)' : room.name;
  const unread = room.unread ? `  ${room.unread} unread` : '';
  return `${room.id}  ${name}  [${room.visibility}, ${room.memberCount} members]${unread}`;
}

/** Prints the newest messages of a room the caller belongs to. */
export async function printHistory(context: CliContext, roomId: string, limit: number, beforeSeq?: number) {
  const page = await context.client.api.messages(roomId, beforeSeq ? { beforeSeq, limit } : { limit });
  if (page.items.length === 0) print('(no messages yet)');
  for (const message of page.items) print(await context.formatMessage(message));
}

/** What the server takes on one message (PROTOCOL.md 1.1). */
const MAX_FILES = 10;

const collect = (value: string, previous: string[]) => [...previous, value];

/** One at a time, so a refused file (too large, rate limited) stops before the rest are uploaded. */
async function uploadFiles(context: CliContext, roomId: string, paths: string[]): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  for (const path of paths) {
    const data = await readFile(path);
    attachments.push(await context.client.api.uploadAttachment(roomId, { name: basename(path), data }));
  }
  return attachments;
}

export function roomsCommands(program: Command, run: Runner): void {
  program
    .command('rooms')
    .description('list the rooms you have joined (or, with --public, the public directory)')
    .option('--public', 'list the public directory instead')
    .option('-q, --query <prefix>', 'filter the public directory by name prefix')
    .action(
      run(async (context, options: { public?: boolean; query?: string }) => {
        context.requireSession();
        const scope = options.public ? 'public' : 'joined';
        const page = await context.client.api.rooms({ scope, q: options.query });
        if (page.items.length === 0) print('(no rooms)');
        for (const room of page.items) print(describeRoom(room));
      }),
    );

  program
    .command('notifications')
    .description("show a room's notification level, or set it: all, mentions or none")
    .argument('<roomId>', 'the room')
    .argument('[level]', 'all | mentions | none')
    .action(
      run(async (context, roomId: string, level?: string) => {
        context.requireSession();
        const api = context.client.api;
        if (level !== undefined && !NOTIFICATION_LEVELS.includes(level as NotificationLevel))
          throw new Error(`level must be one of: ${NOTIFICATION_LEVELS.join(', ')}`);
        const answer = level
          ? await api.setNotificationLevel(roomId, level as NotificationLevel)
          : await api.notificationLevel(roomId);
        print(`${answer.roomId}  notifications: ${answer.level}`);
      }),
    );

  program
    .command('create-room')
    .description('create a room; you become its owner')
    .argument('<name>', 'the room name (1–80)')
    .option('--private', 'make it private (members are added by invitation)')
    .option('-t, --topic <topic>', 'the topic')
    .action(
      run(async (context, name: string, options: { private?: boolean; topic?: string }) => {
        context.requireSession();
        const visibility = options.private ? 'private' : 'public';
        const room = await context.client.api.createRoom({ name, visibility, topic: options.topic });
        print(`created room ${room.id} "${room.name}" (${room.visibility})`);
      }),
    );

  program
    .command('open-room')
    .description('join a room (public rooms: anyone; private: members) and print its recent history')
    .argument('<roomId>')
    .option('-n, --limit <count>', 'how many recent messages to show', '20')
    .action(
      run(async (context, roomId: string, options: { limit: string }) => {
        context.requireSession();
        const room = await context.client.api.joinRoom(roomId);
        print(`joined ${describeRoom(room)}`);
        if (room.topic) print(`topic: ${room.topic}`);
        await printHistory(context, roomId, Number(options.limit));
      }),
    );

  program
    .command('send')
    .description('send one message to a room you belong to, with files attached by --file')
    .argument('<roomId>')
    .argument('[text...]', 'the message (words are joined with spaces); may be empty with --file')
    .option('-f, --file <path>', `attach a file (repeatable, up to ${MAX_FILES})`, collect, [])
    .action(
      run(async (context, roomId: string, words: string[], options: { file: string[] }) => {
        const text = words.join(' ');
        if (options.file.length > MAX_FILES) throw new Error(`At most ${MAX_FILES} files per message`);
        if (!text && options.file.length === 0) throw new Error('Nothing to send: give a text or --file');
        await context.connect();
        await context.client.join(roomId);
        const attachments = await uploadFiles(context, roomId, options.file);
        const attachmentIds = attachments.map((attachment) => attachment.id);
        const message = await context.client.send(roomId, text, undefined, { attachmentIds });
        print(`sent #${message.seq} (${message.id})${formatAttachments(message.attachments)}`);
      }),
    );

  program
    .command('delete-room')
    .description('delete a room with its messages (room owner or global admin)')
    .argument('<roomId>')
    .action(
      run(async (context, roomId: string) => {
        context.requireSession();
        await context.client.api.deleteRoom(roomId);
        print(`deleted room ${roomId}`);
      }),
    );
}
