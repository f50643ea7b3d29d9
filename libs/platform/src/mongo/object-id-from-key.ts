import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * Uniqueness by construction: a document whose `_id` derives from its natural key cannot exist twice,
 * on real MongoDB or on the embedded store, which enforces nothing but `_id`.
 */
export function objectIdFromKey(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}
