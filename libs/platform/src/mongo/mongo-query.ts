import { Types } from 'mongoose';

/** A record id (24 hex digits, canonical) as the ObjectId the MongoDB adapters store it as. */
export function objectId(id: string): Types.ObjectId {
  return new Types.ObjectId(id);
}

/** User text inside a `$regex`: every metacharacter literal. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
