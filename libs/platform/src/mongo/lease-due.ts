import { randomUUID } from 'node:crypto';
import mongoose, { type Model } from 'mongoose';

/** Which date field says when a document is due (moved to the lease's end), and which holds the lease's token. */
export interface LeaseFields {
  due: string;
  token: string;
}

/**
 * Leases up to `limit` documents due at `now`, oldest first: moves their due date to the lease's end
 * under a fresh token, then reads back what this call holds. Callers racing for the same documents
 * (several replicas) therefore never get the same one, and a holder that dies lets its lease lapse.
 */
export async function leaseDue<T>(
  model: Model<T>,
  fields: LeaseFields,
  limit: number,
  leaseMs: number,
  now: Date,
): Promise<T[]> {
  // The field names are the caller's: typed as a plain record here, the documents come back as T.
  const documents = model as unknown as Model<Record<string, unknown>>;
  const due = mongoose.trusted({ $lte: now });
  const candidates = await documents
    .find({ [fields.due]: due }, { _id: 1 })
    .sort({ [fields.due]: 1 })
    .limit(limit)
    .lean();
  if (candidates.length === 0) return [];
  const token = randomUUID();
  const ids = mongoose.trusted({ $in: candidates.map((candidate) => candidate._id) });
  await documents.updateMany(
    { _id: ids, [fields.due]: due },
    { $set: { [fields.due]: new Date(now.getTime() + leaseMs), [fields.token]: token } },
  );
  return (await documents.find({ _id: ids, [fields.token]: token }).lean()) as T[];
}
