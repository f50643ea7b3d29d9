import { homedir } from 'node:os';
import { join } from 'node:path';
import { ChatClient } from '@chat/client-sdk';
import type { Message, User } from '@chat/contracts';
import { formatAttachments } from './attachment-format';
import { FileSessionStore } from './file-session.store';

/** The options every command shares (see `main.ts`). */
export interface GlobalOptions {
  url: string;
  home?: string;
}

export const DEFAULT_URL = 'http://localhost:8080';
export const defaultHome = () => join(homedir(), '.chat-cli');

/** A client bound to the stored session, plus a cache of user names for printing messages. */
export class CliContext {
  readonly client: ChatClient;
  private readonly names = new Map<string, Promise<string>>();

  constructor(readonly options: GlobalOptions) {
    const store = new FileSessionStore(options.home ?? defaultHome(), options.url);
    this.client = new ChatClient({ baseUrl: options.url, store });
  }

  /** The stored session, or an error that says how to get one. */
  requireSession(): User {
    if (!this.client.restore() || !this.client.user) {
      throw new Error('Not logged in: run `login` (or `register`) first');
    }
    return this.client.user;
  }

  /** Connects the socket and waits until it is live. */
  async connect(): Promise<void> {
    this.requireSession();
    this.client.connect();
    await this.client.ready(10_000);
  }

  username(userId: string): Promise<string> {
    let name = this.names.get(userId);
    if (!name) {
      name = this.client.api.user(userId).then(
        (user) => user.username,
        () => userId,
      );
      this.names.set(userId, name);
    }
    return name;
  }

  async formatMessage(message: Message): Promise<string> {
    const who = await this.username(message.senderId);
    const body = message.deleted ? '(deleted)' : message.body;
    const edited = message.editedAt ? ' (edited)' : '';
    const reactions = Object.entries(message.reactions)
      .map(([emoji, users]) => `${emoji} ${users.length}`)
      .join(', ');
    const files = message.deleted ? '' : formatAttachments(message.attachments ?? []);
    return `#${message.seq} ${time(message.createdAt)} ${who}: ${body}${edited}${reactions ? ` [${reactions}]` : ''}${files}`;
  }

  close(): void {
    this.client.close();
  }
}

function time(iso: string): string {
  return new Date(iso).toISOString().slice(11, 16);
}
