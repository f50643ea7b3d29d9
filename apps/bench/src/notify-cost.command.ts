import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessageAppender, MessagesModule, MessagesStorageModule, NotificationQueue } from '@chat/messages';
import { EngineModule } from '@chat/platform/engine';
import { newId } from '@chat/platform/ids';
import { SqliteModule } from '@chat/platform/sqlite';
import { bareRoomRecord, RoomsRepository, RoomsStorageModule } from '@chat/rooms';

export interface NotifyCostOptions {
  messages: string;
  batch: string;
}

/**
 * What the notification queue costs the single process per message, beside the durable append it rides
 * on: the mark written in the append's transaction is inside the first figure; the deriver's lease and
 * settle (what every message costs even when nobody has a device) is the second.
 */
export async function runNotifyCost(options: NotifyCostOptions): Promise<void> {
  const messages = Number(options.messages);
  const batch = Number(options.batch);
  const dir = mkdtempSync(join(tmpdir(), 'chat-notify-cost-'));
  @Module({
    imports: [
      SqliteModule.forRoot({ path: join(dir, 'chat.db'), synchronous: 'FULL' }),
      EngineModule.forRoot({ kind: 'memory' }),
      RoomsStorageModule.forRoot('sqlite'),
      MessagesStorageModule.forRoot('sqlite'),
      MessagesModule.forRoot(),
    ],
  })
  class NotifyCostModule {}
  const context = await NestFactory.createApplicationContext(NotifyCostModule, { logger: false });
  try {
    const roomId = newId();
    await context.get(RoomsRepository).create(bareRoomRecord(roomId), []);
    const appender = context.get(MessageAppender);
    const queue = context.get(NotificationQueue);
    const body = 'x'.repeat(100);

    let started = process.hrtime.bigint();
    for (let sent = 0; sent < messages; sent += batch)
      await Promise.all(
        Array.from({ length: batch }, (_, n) =>
          appender.append({ roomId, senderId: 's', clientMsgId: `m${sent + n}`.padEnd(8, '0'), body }),
        ),
      );
    const appendMicros = Number(process.hrtime.bigint() - started) / 1000 / messages;

    started = process.hrtime.bigint();
    const future = new Date(Date.now() + 60_000);
    let drained = 0;
    for (let leased = await queue.lease(200, 30_000, future); leased.length > 0;) {
      await queue.settle(leased.map((message) => message.id));
      drained += leased.length;
      leased = await queue.lease(200, 30_000, future);
    }
    const queueMicros = Number(process.hrtime.bigint() - started) / 1000 / drained;
    console.log(
      [
        `${messages} messages of 100 bytes into one room, ${batch} appends at once (group commit), synchronous FULL`,
        '',
        '| durable append (message + mark), µs/message | lease + settle of the mark, µs/message |',
        '| --- | --- |',
        `| ${appendMicros.toFixed(1)} | ${queueMicros.toFixed(1)} |`,
      ].join('\n'),
    );
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
