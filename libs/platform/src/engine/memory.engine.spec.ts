import { setTimeout as sleep } from 'node:timers/promises';
import { MEMORY_CACHE_MAX_ENTRIES, MemoryKeyValueStore, MemoryMessageBus } from './memory.engine';

describe('memory engine', () => {
  it('expires keys after their TTL', async () => {
    const store = new MemoryKeyValueStore();
    await store.set('k', 'v', 30);
    expect(await store.get('k')).toBe('v');
    await sleep(40);
    expect(await store.get('k')).toBeNull();
  });

  it('bounds evictable entries, and never evicts the others', async () => {
    const store = new MemoryKeyValueStore();
    await store.set('revoked', 'yes', 60_000);
    for (let i = 0; i <= MEMORY_CACHE_MAX_ENTRIES; i++)
      await store.set(`idem:${i}`, 'm', 60_000, { evictable: true });
    expect(await store.get('idem:0')).toBeNull();
    expect(await store.get(`idem:${MEMORY_CACHE_MAX_ENTRIES}`)).toBe('m');
    expect(await store.get('revoked')).toBe('yes');
  });

  it('delivers published messages to every subscriber of the channel', async () => {
    const bus = new MemoryMessageBus();
    const received: string[] = [];
    await bus.subscribe('a', (message) => received.push(`1:${message}`));
    await bus.subscribe('a', (message) => received.push(`2:${message}`));
    await bus.subscribe('b', (message) => received.push(`b:${message}`));
    await bus.publish('a', 'hello');
    expect(received).toEqual(['1:hello', '2:hello']);
  });
});
