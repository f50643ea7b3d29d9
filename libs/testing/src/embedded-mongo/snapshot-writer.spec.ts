import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paceSnapshots, type SnapshottingStorage } from './snapshot-writer';

function fakeStorage(): SnapshottingStorage & { documents: Map<string, unknown> } {
  const documents = new Map<string, unknown>();
  const storage = {
    documents,
    databases: new Map([['chat', new Map([['messages', documents]])]]),
    indexes: new Map(),
    opLogCounter: 0,
    persist: () => Promise.resolve(),
    close: () => storage.persist(),
  };
  return storage;
}

describe('paced snapshots of the embedded store', () => {
  const path = () => join(mkdtempSync(join(tmpdir(), 'chat-snapshot-')), 'store.json');
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')).databases.chat.messages;

  it('writes the stored documents, and a final snapshot on close after the one in flight', async () => {
    const storage = fakeStorage();
    const file = path();
    paceSnapshots(storage, file);
    storage.documents.set('a', { _id: 'a' });
    const first = storage.persist();
    storage.documents.set('b', { _id: 'b' });
    await storage.close();
    await first;
    expect(read(file)).toEqual([{ _id: 'a' }, { _id: 'b' }]);
  });

  it('skips timer ticks while one is written and for nine times its cost afterwards', async () => {
    const storage = fakeStorage();
    const file = path();
    let clock = 1000;
    let calls = 0;
    paceSnapshots(storage, file, () => {
      calls += 1;
      // Every reading of the clock advances it: a snapshot appears to cost time.
      return (clock += 10);
    });
    storage.documents.set('a', { _id: 'a' });
    const first = storage.persist();
    expect(storage.persist()).toBe(first);
    await first;
    const afterFirst = calls;
    storage.documents.set('b', { _id: 'b' });
    await storage.persist();
    expect(read(file)).toEqual([{ _id: 'a' }]);
    expect(calls).toBe(afterFirst + 1);
    clock += 1000;
    await storage.persist();
    expect(read(file)).toEqual([{ _id: 'a' }, { _id: 'b' }]);
  });
});
