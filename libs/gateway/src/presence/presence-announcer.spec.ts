import type { PresenceEntry } from '@chat/contracts';
import { PresenceAnnouncer } from './presence-announcer';

const entry = (userId: string, status: 'online' | 'offline'): PresenceEntry => ({
  userId,
  status,
  lastSeenAt: null,
});

describe('presence announcer', () => {
  it('looks up the rooms of a burst of transitions once, and announces each in order', async () => {
    const lookups: string[][] = [];
    const emitted: string[] = [];
    const announcer = new PresenceAnnouncer(
      (userIds) => {
        lookups.push(userIds);
        return Promise.resolve(new Map([['a', ['r1', 'r2']]]));
      },
      (presence, roomIds) => emitted.push(`${presence.userId} ${presence.status} ${roomIds.join(',')}`),
      5,
    );
    await Promise.all([
      announcer.announce(entry('a', 'online')),
      announcer.announce(entry('b', 'online')),
      announcer.announce(entry('a', 'offline')),
    ]);
    expect(lookups).toEqual([['a', 'b']]);
    expect(emitted).toEqual(['a online r1,r2', 'b online ', 'a offline r1,r2']);
  });

  it('closes a full batch and starts another; a failed lookup rejects only its own batch', async () => {
    let calls = 0;
    const announcer = new PresenceAnnouncer(
      () => (++calls === 1 ? Promise.reject(new Error('store down')) : Promise.resolve(new Map())),
      () => undefined,
      5,
      2,
    );
    const first = announcer.announce(entry('a', 'online'));
    const alsoFirst = announcer.announce(entry('b', 'online'));
    const second = announcer.announce(entry('c', 'online'));
    await expect(first).rejects.toThrow('store down');
    await expect(alsoFirst).rejects.toThrow('store down');
    await expect(second).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
