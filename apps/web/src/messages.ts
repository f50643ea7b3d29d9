import type { Message } from '@chat/contracts';

/** Inserts or replaces messages in a seq-ordered list, returning a new list. */
export function mergeMessages(list: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(list.map((message) => [message.seq, message]));
  for (const message of incoming) {
    // Changes from different replicas may arrive out of order: the higher rev is the newer state.
    const known = bySeq.get(message.seq);
    if (!known || (known.rev ?? 0) <= (message.rev ?? 0)) bySeq.set(message.seq, message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
