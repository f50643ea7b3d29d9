/** Field limits of PROTOCOL.md §Limits, counted in Unicode code points after trimming. */
export const Limits = {
  username: { min: 3, max: 32, pattern: /^[a-zA-Z0-9_.-]+$/ },
  password: { min: 8, max: 128 },
  displayName: { min: 1, max: 64 },
  userSearchQuery: { min: 1, max: 32 },
  userSearchLimit: { max: 50, default: 20 },
  httpBodyBytes: 64 * 1024,
} as const;

/** Room, message and announcement limits of PROTOCOL.md §Limits. */
export const RoomLimits = {
  name: { min: 1, max: 80 },
  topic: { min: 0, max: 500 },
  body: { min: 1, max: 4000 },
  announcement: { min: 1, max: 2000 },
  emoji: { min: 1, max: 32 },
  searchQuery: { min: 1, max: 200 },
  directoryQuery: { min: 1, max: 80 },
  roomListLimit: { max: 100, default: 50 },
  memberListLimit: { max: 100, default: 50 },
  historyLimit: { max: 100, default: 50 },
  searchLimit: { max: 50, default: 20 },
  clientMsgId: /^[A-Za-z0-9_-]{8,64}$/,
  /** Attachments one message may carry (PROTOCOL.md 1.1). */
  attachmentsPerMessage: 10,
  /** An attachment's file name, after cleaning, in code points. */
  attachmentName: { max: 200 },
} as const;
