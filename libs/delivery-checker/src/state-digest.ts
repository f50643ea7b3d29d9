import { createHash } from 'node:crypto';

/** What a change can alter in a message: the fields a receiver's copy must agree on with the store's. */
export interface ChangeableFields {
  body: string;
  deleted: boolean;
  editedAt: string | null;
  reactions: Record<string, string[]>;
}

/**
 * A short fingerprint of a message's changeable fields, the same for equal states however their
 * reactions happen to be ordered. A receiver keeps this, not the message, so that a load run with
 * thousands of clients holds a few bytes per message each.
 */
export function stateDigest(message: ChangeableFields): string {
  const reactions = Object.entries(message.reactions)
    .filter(([, users]) => users.length > 0)
    .map(([emoji, users]) => [emoji, [...users].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([message.body, message.deleted, message.editedAt, reactions]);
  return createHash('sha1').update(canonical).digest('base64url');
}
