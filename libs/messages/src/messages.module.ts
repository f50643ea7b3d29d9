import { DynamicModule, Module } from '@nestjs/common';
import { MessageAppender } from './message-appender';
import { MessageChanges } from './message-changes';
import { MessageHistory } from './message-history';
import { DEFAULT_MESSAGES_OPTIONS, MESSAGES_OPTIONS, type MessagesOptions } from './messages.options';

/**
 * Append (gateway), history and search (rooms), edits and reactions, over the MessagesRepository port
 * that MessagesStorageModule binds to the chosen store.
 */
@Module({})
export class MessagesModule {
  static forRoot(overrides: Partial<MessagesOptions> = {}): DynamicModule {
    return {
      module: MessagesModule,
      providers: [
        { provide: MESSAGES_OPTIONS, useValue: { ...DEFAULT_MESSAGES_OPTIONS, ...overrides } },
        MessageAppender,
        MessageHistory,
        MessageChanges,
      ],
      exports: [MessageAppender, MessageHistory, MessageChanges],
    };
  }
}
