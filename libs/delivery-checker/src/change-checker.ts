import type { DeliveryInput, StateRecord, StoredMessage } from './delivery-log';
import type { Finding } from './delivery-report';

/**
 * Every acked change must be in the store (the message's rev at least the change's), and every member
 * must end holding each stored message after its join point exactly as the store has it: the same rev
 * and the same content. A member that never got a message at all is the delivery check's "not-delivered".
 */
export function checkChanges(input: DeliveryInput, lostChanges: Finding[]): void {
  const stored = new Map(input.history.map((message) => [message.id, message]));
  for (const change of input.changes ?? []) {
    if (change.outcome !== 'acked') continue;
    const message = stored.get(change.messageId);
    const inStore =
      change.rev === null
        ? change.kind === 'delete' && message?.deleted === true
        : message?.rev !== undefined && message.rev >= change.rev;
    if (inStore) continue;
    const acked = change.rev === null ? 'acked' : `acked as rev ${change.rev}`;
    const found = !message
      ? 'no such message'
      : message.deleted
        ? `rev ${message.rev}, deleted`
        : `rev ${message.rev}`;
    lostChanges.push({
      kind: 'change-not-stored',
      roomId: change.roomId,
      clientId: change.clientId,
      messageId: change.messageId,
      seq: message?.seq,
      detail: `${change.kind} ${acked}, the store has ${found}`,
    });
  }
  if (!input.states) return;
  const held = new Map<string, Map<string, StateRecord>>();
  for (const state of input.states) {
    const key = `${state.clientId}|${state.roomId}`;
    const messages = held.get(key) ?? new Map<string, StateRecord>();
    held.set(key, messages);
    messages.set(state.messageId, state);
  }
  for (const member of input.members) {
    const states = held.get(`${member.clientId}|${member.roomId}`);
    for (const message of input.history) {
      if (message.roomId !== member.roomId || message.seq <= member.fromSeq) continue;
      const state = states?.get(message.id);
      if (!state || message.rev === undefined) continue;
      const mismatch = describeMismatch(state, message);
      if (!mismatch) continue;
      lostChanges.push({
        kind: 'change-not-reflected',
        roomId: member.roomId,
        clientId: member.clientId,
        seq: message.seq,
        messageId: message.id,
        detail: mismatch,
      });
    }
  }
}

function describeMismatch(state: StateRecord, message: StoredMessage): string | null {
  if (state.rev < message.rev!) return `holds rev ${state.rev}, the store has rev ${message.rev}`;
  if (state.rev > message.rev!) return `holds rev ${state.rev}, ahead of the store's rev ${message.rev}`;
  if (state.digest !== message.digest) return `rev ${state.rev} held with other content than the store's`;
  return null;
}
