import { Injectable } from '@nestjs/common';
import { SeqAllocator, SeqAllocatorInTransaction } from '@chat/messages';
import { AppError } from '@chat/platform';
import { RoomsRepository } from './rooms.repository';
import { SqliteRoomsRepository } from './sqlite/sqlite-rooms.repository';

/** The rooms library's side of the messages library's SeqAllocator port: the room's counter. */
@Injectable()
export class RoomSequences extends SeqAllocator {
  constructor(private readonly rooms: RoomsRepository) {
    super();
  }

  async allocate(roomId: string, count: number, at: Date): Promise<number> {
    const lastSeq = await this.rooms.reserveSeqs(roomId, count, at);
    if (lastSeq === null) throw AppError.notFound('Room');
    return lastSeq - count + 1;
  }
}

/** The same inside the SQLite adapter's write transaction, so that a batch and its seqs commit together. */
export class SqliteRoomSequences extends SeqAllocatorInTransaction {
  constructor(private readonly rooms: SqliteRoomsRepository) {
    super();
  }

  allocateNow(roomId: string, count: number, at: Date): number {
    const lastSeq = this.rooms.reserveNow(roomId, count, at);
    if (lastSeq === null) throw AppError.notFound('Room');
    return lastSeq - count + 1;
  }
}
