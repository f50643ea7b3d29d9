import { retryTransient } from './retry-transient';
import { isDuplicateKeyError, isTransientStoreError } from './store-errors';

/**
 * Inserts a document whose key may already be taken, retrying transient store failures. An attempt that
 * failed without an answer may have landed all the same; a retry then meets its own copy as a duplicate
 * key, and `isOwnCopy` tells it apart from someone else's (same key, same creation stamp).
 *
 * @returns true when this call stored the document, false when another writer holds the key
 */
export async function insertOnce(
  label: string,
  insert: () => Promise<unknown>,
  isOwnCopy: () => Promise<boolean>,
): Promise<boolean> {
  let uncertain = false;
  return retryTransient(label, async () => {
    try {
      await insert();
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return uncertain && (await isOwnCopy());
      if (isTransientStoreError(error)) uncertain = true;
      throw error;
    }
  });
}
