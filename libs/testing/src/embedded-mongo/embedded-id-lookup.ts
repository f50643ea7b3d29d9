/** The parts of the stand-in's storage adapter that an update reads. */
interface DocumentStorage {
  findAll(database: string, collection: string): Promise<unknown[]>;
  findById(database: string, collection: string, id: ObjectIdLike): Promise<unknown>;
}

interface ObjectIdLike {
  toHexString(): string;
}

interface CommandContext {
  storage: DocumentStorage;
  database: string;
  command: Record<string, unknown>;
  documentSequences?: Map<string, unknown[]>;
}

interface CommandHandler {
  handle(context: CommandContext): Promise<unknown>;
}

/** The stand-in's command router: command name → handler. */
export interface EmbeddedCommandRouter {
  handlers: Map<string, CommandHandler>;
}

function asObjectId(value: unknown): ObjectIdLike | undefined {
  const candidate = value as { _bsontype?: unknown; toHexString?: unknown } | null;
  return candidate?._bsontype === 'ObjectId' && typeof candidate.toHexString === 'function'
    ? (value as ObjectIdLike)
    : undefined;
}

/** The collection and `_id` of a single-document write whose filter names one `_id`, else undefined. */
function singleIdTarget(context: CommandContext): { collection: string; id: ObjectIdLike } | undefined {
  const { command, documentSequences } = context;
  if (typeof command.findAndModify === 'string') {
    const id = asObjectId((command.query as Record<string, unknown> | undefined)?._id);
    return id && { collection: command.findAndModify, id };
  }
  if (typeof command.update !== 'string') return undefined;
  const updates = documentSequences?.get('updates') ?? command.updates;
  if (!Array.isArray(updates) || updates.length !== 1) return undefined;
  const spec = updates[0] as { q?: Record<string, unknown>; filter?: Record<string, unknown> };
  const id = asObjectId((spec.q ?? spec.filter)?._id);
  return id && { collection: command.update, id };
}

/** The storage as it is, except that the target collection "holds" only the document with that `_id`. */
function narrowedTo(storage: DocumentStorage, target: { collection: string; id: ObjectIdLike }) {
  return new Proxy(storage, {
    get(real, property) {
      if (property === 'findAll')
        return async (database: string, collection: string) => {
          if (collection !== target.collection) return real.findAll(database, collection);
          const document = await real.findById(database, collection, target.id);
          return document ? [document] : [];
        };
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
}

/**
 * The stand-in answers every update and findAndModify by testing its filter against every document of
 * the collection: one read-marker update scanned every membership, one seq reservation every room, so
 * each send cost grew with the whole install. When the filter names a single `_id` (ours always do on
 * these paths), only that document can match, so the handler is shown only that document: the same
 * answer, found by key. Updates here enforce no secondary index, so nothing else is skipped. Any other
 * command, or an update of several specs, runs exactly as before.
 */
export function lookUpWritesById(router: EmbeddedCommandRouter): void {
  for (const name of ['update', 'findAndModify']) {
    const handler = router.handlers.get(name);
    if (!handler) continue;
    router.handlers.set(name, {
      handle: (context) => {
        const target = singleIdTarget(context);
        return handler.handle(
          target ? { ...context, storage: narrowedTo(context.storage, target) } : context,
        );
      },
    });
  }
}
