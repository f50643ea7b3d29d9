import { Injectable, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SeqAllocator } from '@chat/messages';
import { AppError, parseObjectId } from '@chat/platform';
import { RoomRecord, RoomSchema } from './room.schema';
import { RoomsRepository } from './rooms.repository';

/** The rooms library's side of the messages library's SeqAllocator port: `$inc` on `rooms.lastSeq`. */
@Injectable()
export class RoomSequences extends SeqAllocator {
  constructor(private readonly rooms: RoomsRepository) {
    super();
  }

  async allocate(roomId: string, count: number): Promise<number> {
    const id = parseObjectId(roomId);
    const room = id ? await this.rooms.reserveSeqs(id, count) : null;
    if (!room) throw AppError.notFound('Room');
    return room.lastSeq - count + 1;
  }
}

/** What MessagesModule needs from the rooms library, without the rest of it (no import cycle). */
@Module({
  imports: [MongooseModule.forFeature([{ name: RoomRecord.name, schema: RoomSchema }])],
  providers: [RoomsRepository, RoomSequences, { provide: SeqAllocator, useExisting: RoomSequences }],
  exports: [SeqAllocator, RoomsRepository],
})
export class RoomSequencesModule {}
