import { DynamicModule, Module, type Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MessageAppender } from './message-appender';
import { MessageChanges } from './message-changes';
import { MessageHistory } from './message-history';
import { MessageRecord, MessageSchema } from './message.schema';
import { DEFAULT_MESSAGES_OPTIONS, MESSAGES_OPTIONS, type MessagesOptions } from './messages.options';
import { MessagesRepository } from './messages.repository';

export interface MessagesModuleOptions extends Partial<MessagesOptions> {
  /** A module that exports the SeqAllocator (the rooms library's RoomSequencesModule). */
  sequences: Type | DynamicModule;
}

/** Owns the `messages` collection: append (gateway), history and search (rooms), edits and reactions. */
@Module({})
export class MessagesModule {
  static forRoot(options: MessagesModuleOptions): DynamicModule {
    const { sequences, ...overrides } = options;
    return {
      module: MessagesModule,
      imports: [sequences, MongooseModule.forFeature([{ name: MessageRecord.name, schema: MessageSchema }])],
      providers: [
        { provide: MESSAGES_OPTIONS, useValue: { ...DEFAULT_MESSAGES_OPTIONS, ...overrides } },
        MessagesRepository,
        MessageAppender,
        MessageHistory,
        MessageChanges,
      ],
      exports: [MessageAppender, MessageHistory, MessageChanges, MessagesRepository],
    };
  }
}
