/**
 * The old embedded store's snapshot (DATA_DIR/store.json, releases before 0.2): MongoDB documents as
 * JSON, `_id` as hex (or `{$oid}`), dates as ISO strings. Turned into the libraries' records here.
 */
export type LegacyDocument = Record<string, unknown>;

const DATE_FIELDS = new Set([
  'createdAt',
  'expiresAt',
  'revokedAt',
  'joinedAt',
  'lastActivityAt',
  'editedAt',
]);

function hexId(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase();
  const oid = (value as { $oid?: unknown } | null)?.$oid;
  if (typeof oid === 'string') return oid.toLowerCase();
  throw new Error(`unreadable _id in the old snapshot: ${JSON.stringify(value)}`);
}

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const raw = typeof value === 'object' ? (value as { $date?: unknown }).$date : value;
  const date = new Date(typeof raw === 'string' || typeof raw === 'number' ? raw : NaN);
  if (Number.isNaN(date.getTime()))
    throw new Error(`unreadable date in the old snapshot: ${JSON.stringify(value)}`);
  return date;
}

/** `_id` becomes `id`; the memberCountOps bookkeeping of the MongoDB adapter is dropped. */
export function toRecord<T>(document: LegacyDocument): T {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key === '_id') record.id = hexId(value);
    else if (key === 'memberCountOps') continue;
    else record[key] = DATE_FIELDS.has(key) ? asDate(value) : value;
  }
  return record as T;
}

/** The collections of the snapshot's one database (`chat` unless MONGO_URL named another). */
export function legacyCollections(snapshot: unknown): Record<string, LegacyDocument[]> {
  const databases = (snapshot as { databases?: Record<string, Record<string, LegacyDocument[]>> }).databases;
  if (!databases) throw new Error('the old snapshot has no databases');
  return databases.chat ?? Object.values(databases)[0] ?? {};
}
