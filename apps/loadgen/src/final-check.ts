import { DelegateBackoff, handleAll, retry } from 'cockatiel';
import type { ChatApi } from '@chat/client-sdk';
import { checkDelivery, type DeliveryReport, type MemberJoin } from '@chat/delivery-checker';
import { newestRev, readRoomHistory, type RecordingClient } from '@chat/recording-client';
import { mapBounded } from './bounded';
import { politely } from './polite-retry';
import type { PlannedRoom } from './prepare-rooms';

/** A few tries with a growing pause, as a client would after an overload. */
const recovery = retry(handleAll, {
  maxAttempts: 4,
  backoff: new DelegateBackoff(({ attempt }) => 1000 * attempt),
});

/** A client that still cannot recover is reported, not thrown: it does not end the run. */
function recoverPatiently(client: RecordingClient, roomId: string): Promise<boolean> {
  return recovery
    .execute(() => client.recover(roomId))
    .then(
      () => true,
      () => false,
    );
}

/**
 * After the traffic: every client recovers its room through `room:join {sinceSeq, sinceRev}` (what a
 * real client does after any outage) and catches up with the room's newest change; the history is read
 * back, and the shared delivery checker rules on messages and changes alike. A client that cannot
 * recover does not end the run: what it missed counts as lost, and it is named.
 */
export async function checkRun(
  clients: { client: RecordingClient; roomId: string }[],
  rooms: PlannedRoom[],
  ownerApi: (room: PlannedRoom) => ChatApi,
  members: MemberJoin[],
): Promise<{ delivery: DeliveryReport; unrecovered: string[] }> {
  const recovered = await mapBounded(clients, 50, ({ client, roomId }) => recoverPatiently(client, roomId));
  const unrecovered = new Set(clients.filter((_, index) => !recovered[index]).map(({ client }) => client.id));
  const read = (room: PlannedRoom) =>
    readRoomHistory(ownerApi(room), room.room.id, (page) => politely(page, () => undefined));
  const histories = await mapBounded(rooms, 8, read);
  const newest = new Map(rooms.map((room, index) => [room.room.id, newestRev(histories[index])]));
  await mapBounded(clients, 50, async ({ client, roomId }) => {
    if (unrecovered.has(client.id)) return;
    // A client still short of the newest change is judged on what it holds: the checker names it.
    await client.caughtUpTo(roomId, newest.get(roomId) ?? 0).catch(() => undefined);
  });
  const delivery = checkDelivery({
    sends: clients.flatMap(({ client }) => client.sends),
    receipts: clients.flatMap(({ client }) => client.receipts),
    history: histories.flat(),
    members,
    changes: clients.flatMap(({ client }) => client.changes),
    states: clients.flatMap(({ client }) => client.states()),
  });
  return { delivery, unrecovered: [...unrecovered] };
}
