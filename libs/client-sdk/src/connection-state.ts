/**
 * What a user should see about the live connection.
 * - `connecting`: the first connection is being made.
 * - `connected`: live, first time.
 * - `reconnecting`: the connection was lost (or the server is draining) and is being remade.
 * - `resumed`: live again, with every joined room re-joined and its missed messages delivered.
 * - `offline`: closed on purpose (logout, disconnect).
 */
export type ConnectionState = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'resumed';

/** Whether events may be sent now. */
export function isLive(state: ConnectionState): boolean {
  return state === 'connected' || state === 'resumed';
}
