import { Injectable } from '@nestjs/common';
import type { NotificationReason } from '@chat/contracts';
import { mentionedNames, ROOM_MENTION } from '../mentions/mentioned-names';
import { MembershipsRepository } from '../records/memberships.repository';
import type { MembershipRecord, RoomRecord } from '../records/room.record';
import { RoomsRepository } from '../records/rooms.repository';
import { effectiveNotificationLevel } from '../services/room-notifications.service';

const MEMBER_PAGE = 500;

/** What a stored message says about who it may notify. */
export interface NotifyingMessage {
  roomId: string;
  senderId: string;
  body: string;
  mentions: string[];
}

export interface NotifiedMember {
  userId: string;
  lastReadSeq: number;
  reason: NotificationReason;
}

export interface MessageAudience {
  room: RoomRecord;
  members: NotifiedMember[];
}

/** What a batch of messages shares per room: the room and its members on `all`, read once. */
export type AudienceCache = Map<string, Promise<{ room: RoomRecord | null; onAll: MembershipRecord[] }>>;

/**
 * Who a message notifies by the members' levels (PROTOCOL.md 1.1): a direct message, a mention (`@room`
 * counts, and was allowed only from a manager when stored), or any message in a room set to `all`;
 * never a member who chose `none`, nor the sender. Whether the member has read it or is looking at the
 * room is the caller's question: it changes by the second.
 */
@Injectable()
export class NotificationAudience {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  /**
   * null when the room is gone.
   * @param cache shared by the messages of one batch (a busy room's messages then cost no extra reads)
   */
  async of(message: NotifyingMessage, cache: AudienceCache = new Map()): Promise<MessageAudience | null> {
    const shared = this.shared(message.roomId, cache);
    const { room } = await shared;
    if (!room) return null;
    const roomMention = room.kind !== 'direct' && mentionedNames(message.body).includes(ROOM_MENTION);
    const candidates = await this.candidates(room, message, roomMention, (await shared).onAll);
    const mentioned = new Set(message.mentions);
    const members: NotifiedMember[] = [];
    for (const membership of candidates) {
      if (membership.userId === message.senderId) continue;
      const reason = this.reason(room, membership, mentioned.has(membership.userId), roomMention);
      if (reason) members.push({ userId: membership.userId, lastReadSeq: membership.lastReadSeq, reason });
    }
    return { room, members };
  }

  /** The member's read marker, or null when they are no longer a member (nothing to notify). */
  async readThrough(roomId: string, userId: string): Promise<number | null> {
    return (await this.memberships.find(roomId, userId))?.lastReadSeq ?? null;
  }

  private reason(
    room: RoomRecord,
    membership: MembershipRecord,
    mentioned: boolean,
    roomMention: boolean,
  ): NotificationReason | null {
    const level = effectiveNotificationLevel(room, membership);
    if (level === 'none') return null;
    if (mentioned) return 'mention';
    if (roomMention) return 'room';
    if (level !== 'all') return null;
    return room.kind === 'direct' ? 'direct' : 'all';
  }

  /** Only the memberships that can matter: everyone for a direct room or `@room`, else those named or on `all`. */
  private shared(roomId: string, cache: AudienceCache) {
    let entry = cache.get(roomId);
    if (!entry) {
      entry = (async () => {
        const room = await this.rooms.findById(roomId);
        const onAll = room && room.kind !== 'direct' ? await this.memberships.withLevel(roomId, 'all') : [];
        return { room, onAll };
      })();
      cache.set(roomId, entry);
    }
    return entry;
  }

  private async candidates(
    room: RoomRecord,
    message: NotifyingMessage,
    roomMention: boolean,
    onAll: MembershipRecord[],
  ): Promise<MembershipRecord[]> {
    if (room.kind === 'direct' || roomMention) return this.everyone(room.id);
    const named = await Promise.all(message.mentions.map((id) => this.memberships.find(room.id, id)));
    const byUser = new Map<string, MembershipRecord>();
    for (const membership of [...named, ...onAll]) if (membership) byUser.set(membership.userId, membership);
    return [...byUser.values()];
  }

  private async everyone(roomId: string): Promise<MembershipRecord[]> {
    const all: MembershipRecord[] = [];
    let afterId: string | undefined;
    for (;;) {
      const page = await this.memberships.listByRoom(roomId, afterId, MEMBER_PAGE);
      all.push(...page.slice(0, MEMBER_PAGE));
      if (page.length <= MEMBER_PAGE) return all;
      afterId = page[MEMBER_PAGE - 1].id;
    }
  }
}
