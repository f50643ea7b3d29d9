import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  MessageAppender,
  MessageChanges,
  MessageHistory,
  MessagesModule,
  MessagesStorageModule,
  SeqAllocator,
} from '@chat/messages';
import { EngineModule } from '@chat/platform/engine';
import { MongoModule } from '@chat/platform/mongo';
import { RoomsStorageModule } from '@chat/rooms';
import { mongoUrlFor, testServers } from '@chat/testing';

/**
 * The messages library as a gateway composes it: its own MongoDB connection, its own Redis connection
 * and its own group-commit batcher. Several of these in one test stand for several gateways.
 */
export async function startMessagesContext(database: string): Promise<{
  appender: MessageAppender;
  history: MessageHistory;
  changes: MessageChanges;
  allocator: SeqAllocator;
  context: INestApplicationContext;
}> {
  @Module({
    imports: [
      MongoModule.forRoot({ uri: mongoUrlFor(database) }),
      EngineModule.forRoot({ kind: 'redis', url: testServers().redisUrl }),
      RoomsStorageModule.forRoot('mongo'),
      MessagesStorageModule.forRoot('mongo'),
      MessagesModule.forRoot(),
    ],
  })
  class MessagesHostModule {}
  const context = await NestFactory.createApplicationContext(MessagesHostModule, {
    logger: false,
    abortOnError: false,
  });
  return {
    context,
    appender: context.get(MessageAppender),
    history: context.get(MessageHistory),
    changes: context.get(MessageChanges),
    allocator: context.get(SeqAllocator),
  };
}
