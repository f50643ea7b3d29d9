import { Injectable, Logger } from '@nestjs/common';
import type { Types } from 'mongoose';
import { isTransientStoreError } from '@chat/platform';
import { MembershipsRepository } from '../records/memberships.repository';
import { RoomsRepository } from '../records/rooms.repository';

/**
 * Keeps a room's `memberCount` in step with its memberships. `$inc` stays exact under concurrent joins
 * and leaves, but cannot be repeated blindly: after a failure without an answer the count is set from
 * the memberships themselves, which are the truth.
 */
@Injectable()
export class MemberCounts {
  private readonly logger = new Logger(MemberCounts.name);

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async change(id: Types.ObjectId, delta: number): Promise<void> {
    try {
      await this.rooms.incrementMemberCount(id, delta);
    } catch (error) {
      if (!isTransientStoreError(error)) throw error;
      this.logger.warn(
        `member count of room ${id.toHexString()}: $inc unanswered (${String(error)}); recounting`,
      );
      await this.recount(id);
    }
  }

  /** For a membership change whose author is unknown: the count is taken, not adjusted. */
  async recount(id: Types.ObjectId): Promise<void> {
    await this.rooms.setMemberCount(id, await this.memberships.countOfRoom(id.toHexString()));
  }
}
