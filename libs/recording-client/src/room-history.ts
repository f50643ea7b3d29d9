import type { ChatApi } from '@chat/client-sdk';
import type { MessagePage } from '@chat/contracts';
import { stateDigest, type StoredMessage } from '@chat/delivery-checker';

/**
 * The whole history of a room, paged by seq, with each message's rev and state digest: the store's
 * answer is the delivery checker's reference. `call` wraps each page's request (a retry policy, say).
 */
export async function readRoomHistory(
  api: ChatApi,
  roomId: string,
  call: (read: () => Promise<MessagePage>) => Promise<MessagePage> = (read) => read(),
): Promise<StoredMessage[]> {
  const stored: StoredMessage[] = [];
  for (let afterSeq = 0; ;) {
    const page = await call(() => api.messages(roomId, { afterSeq, limit: 100 }));
    for (const message of page.items) {
      const { id, seq, senderId, clientMsgId, rev, deleted } = message;
      stored.push({ id, roomId, seq, senderId, clientMsgId, rev, deleted, digest: stateDigest(message) });
    }
    if (!page.hasMore || page.items.length === 0) return stored;
    afterSeq = page.items[page.items.length - 1].seq;
  }
}

/** The highest rev in a history read back: the change every client must have caught up with. */
export function newestRev(history: StoredMessage[]): number {
  return history.reduce((newest, message) => Math.max(newest, message.rev ?? 0), 0);
}
