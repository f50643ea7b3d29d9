/** Field limits of PROTOCOL.md §Limits, counted in Unicode code points after trimming. */
export const Limits = {
  username: { min: 3, max: 32, pattern: /^[a-zA-Z0-9_.-]+$/ },
  password: { min: 8, max: 128 },
  displayName: { min: 1, max: 64 },
  userSearchQuery: { min: 1, max: 32 },
  userSearchLimit: { max: 50, default: 20 },
  httpBodyBytes: 64 * 1024,
} as const;
