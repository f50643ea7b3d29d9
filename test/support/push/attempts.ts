/** What both receivers say about each request they got, and how a test scripts their answers. */

export type AttemptOutcome =
  /** Passed every check and was answered as a real receiver would (201 for Web Push, 200 for the gateway). */
  | 'delivered'
  /** Failed a check (signature, headers, decryption, size, shape, unknown target); `reason` says which. */
  | 'rejected'
  /** Passed the checks and was answered the status scripted with respondWith(). */
  | 'scripted'
  /** Parked by hold(); becomes another outcome on release(). */
  | 'held'
  /** Parked by hold(), and the sender went away before release(). */
  | 'abandoned';

/** A status to answer instead of the normal one (410, 404, 500…), or 'hold' to answer nothing until release(). */
export type ScriptedResponse = number | 'hold';
