import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatApi } from '@chat/client-sdk';
import {
  checkDelivery,
  type DeliveryReport,
  type MemberJoin,
  type StoredMessage,
} from '@chat/delivery-checker';
import type { RecordingClient } from '@chat/recording-client';
import { mapBounded } from './bounded';
import { politely } from './polite-retry';
import type { PlannedRoom } from './prepare-rooms';

/** The whole history of a room, paged by seq: the store's answer is the reference. */
async function readHistory(api: ChatApi, roomId: string): Promise<StoredMessage[]> {
  const stored: StoredMessage[] = [];
  for (let afterSeq = 0; ;) {
    const page = await politely(
      () => api.messages(roomId, { afterSeq, limit: 100 }),
      () => undefined,
    );
    for (const { id, seq, senderId, clientMsgId } of page.items)
      stored.push({ id, roomId, seq, senderId, clientMsgId });
    if (!page.hasMore || page.items.length === 0) return stored;
    afterSeq = page.items[page.items.length - 1].seq;
  }
}

const RECOVERY_ATTEMPTS = 5;

/** A few tries, as a client would after an overload; a client that still cannot recover is reported. */
async function recoverPatiently(client: RecordingClient, roomId: string): Promise<boolean> {
  for (let attempt = 1; attempt <= RECOVERY_ATTEMPTS; attempt++) {
    try {
      await client.recover(roomId);
      return true;
    } catch {
      await sleep(1000 * attempt);
    }
  }
  return false;
}

/**
 * After the traffic: every client recovers its room through `room:join {sinceSeq}` (what a real
 * client does after any outage), the history is read back, and the shared delivery checker rules.
 * A client that cannot recover does not end the run: what it missed counts as lost, and it is named.
 */
export async function checkRun(
  clients: { client: RecordingClient; roomId: string }[],
  rooms: PlannedRoom[],
  ownerApi: (room: PlannedRoom) => ChatApi,
  members: MemberJoin[],
): Promise<{ delivery: DeliveryReport; unrecovered: string[] }> {
  const recovered = await mapBounded(clients, 50, ({ client, roomId }) => recoverPatiently(client, roomId));
  const unrecovered = clients.filter((_, index) => !recovered[index]).map(({ client }) => client.id);
  const histories = await mapBounded(rooms, 8, (room) => readHistory(ownerApi(room), room.room.id));
  const delivery = checkDelivery({
    sends: clients.flatMap(({ client }) => client.sends),
    receipts: clients.flatMap(({ client }) => client.receipts),
    history: histories.flat(),
    members,
  });
  return { delivery, unrecovered };
}
