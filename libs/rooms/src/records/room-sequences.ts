import { Injectable } from '@nestjs/common';
import { SeqAllocator, SeqAllocatorInTransaction, type Reservation } from '@chat/messages';
import { AppError } from '@chat/platform/errors';
import type { RoomCounters } from './room.record';
import { RoomsRepository } from './rooms.repository';
import { SqliteRoomsRepository } from './sqlite/sqlite-rooms.repository';

function firstOf(counters: RoomCounters | null, count: number): Reservation {
  if (counters === null) throw AppError.notFound('Room');
  return { firstSeq: counters.lastSeq - count + 1, firstRev: counters.lastRev - count + 1 };
}

function revOf(lastRev: number | null): number {
  if (lastRev === null) throw AppError.notFound('Room');
  return lastRev;
}

/** The rooms library's side of the messages library's SeqAllocator port: the room's counters. */
@Injectable()
export class RoomSequences extends SeqAllocator {
  constructor(private readonly rooms: RoomsRepository) {
    super();
  }

  async allocate(roomId: string, count: number, at: Date): Promise<Reservation> {
    return firstOf(await this.rooms.reserveSeqs(roomId, count, at), count);
  }

  async allocateRev(roomId: string): Promise<number> {
    return revOf(await this.rooms.reserveRev(roomId));
  }
}

/** The same inside the SQLite adapter's write transaction, so that a write and its counters commit together. */
export class SqliteRoomSequences extends SeqAllocatorInTransaction {
  constructor(private readonly rooms: SqliteRoomsRepository) {
    super();
  }

  allocateNow(roomId: string, count: number, at: Date): Reservation {
    return firstOf(this.rooms.reserveNow(roomId, count, at), count);
  }

  allocateRevNow(roomId: string): number {
    return revOf(this.rooms.reserveRevNow(roomId));
  }
}
