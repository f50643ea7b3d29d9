import { Types } from 'mongoose';

/** An id from a URL or a payload: anything but 24 hex digits names nothing (404, not 400). */
export function parseObjectId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
