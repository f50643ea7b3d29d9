/** How the store failed, told apart for the callers that react differently: retry, or answer a conflict. */

const DUPLICATE_KEY = 11000;

/**
 * Store failures worth retrying: the connection or the pool went away, not the request. A driver that
 * loses a connection (or whose monitor fails, which clears the pool) fails every operation in flight on
 * it, whether or not the server applied it; the caller decides how to recognise a write that did land.
 * The embedded stand-in does this under bursts ("Server ended moreToCome unexpectedly", then
 * MongoPoolClearedError); real MongoDB does it on a failover or a dropped socket.
 */
export function isTransientStoreError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = String((error as { message?: string } | null)?.message ?? '');
  return (
    /MongoNetwork|MongoPoolCleared|MongoServerSelection|MongoNotConnected/.test(name) ||
    /moreToCome|ECONNRESET|EPIPE/.test(message)
  );
}

/** The store refused an insert (or upsert) because a unique key, `_id` included, is already taken. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}
