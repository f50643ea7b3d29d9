import type { ChatApi } from '@chat/client-sdk';
import {
  checkDelivery,
  type DeliveryReport,
  type MemberJoin,
  type StoredMessage,
} from '@chat/delivery-checker';
import type { RecordingClient } from '@chat/recording-client';
import { mapBounded } from './bounded';
import type { PlannedRoom } from './prepare-rooms';

/** The whole history of a room, paged by seq: the store's answer is the reference. */
async function readHistory(api: ChatApi, roomId: string): Promise<StoredMessage[]> {
  const stored: StoredMessage[] = [];
  for (let afterSeq = 0; ;) {
    const page = await api.messages(roomId, { afterSeq, limit: 100 });
    for (const { id, seq, senderId, clientMsgId } of page.items)
      stored.push({ id, roomId, seq, senderId, clientMsgId });
    if (!page.hasMore || page.items.length === 0) return stored;
    afterSeq = page.items[page.items.length - 1].seq;
  }
}

/**
 * After the traffic: every client recovers its room through `room:join {sinceSeq}` (what a real
 * client does after any outage), the history is read back, and the shared delivery checker rules.
 */
export async function checkRun(
  clients: { client: RecordingClient; roomId: string }[],
  rooms: PlannedRoom[],
  ownerApi: (room: PlannedRoom) => ChatApi,
  members: MemberJoin[],
): Promise<DeliveryReport> {
  await mapBounded(clients, 50, ({ client, roomId }) => client.recover(roomId));
  const histories = await mapBounded(rooms, 8, (room) => readHistory(ownerApi(room), room.room.id));
  return checkDelivery({
    sends: clients.flatMap(({ client }) => client.sends),
    receipts: clients.flatMap(({ client }) => client.receipts),
    history: histories.flat(),
    members,
  });
}
