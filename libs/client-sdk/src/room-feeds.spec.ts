import type { Room } from '@chat/contracts';
import { ChatApiError } from './errors';
import { RoomFeeds } from './room-feeds';

const room = { id: 'r1', lastSeq: 0 } as Room;

function feedsWith(join: () => Promise<unknown>, dropped: string[] = []): RoomFeeds {
  return new RoomFeeds({
    join: join as never,
    leave: () => Promise.resolve({}),
    history: () => Promise.resolve({ items: [], hasMore: false }),
    deliver: () => undefined,
    changed: () => undefined,
    dropped: (roomId) => dropped.push(roomId),
    gapDelayMs: 10,
  });
}

describe('RoomFeeds.resume', () => {
  it('tries a re-join that timed out again, instead of leaving the room silent', async () => {
    let calls = 0;
    const rejoined = new Promise<void>((done) => {
      const feeds = feedsWith(() => {
        calls += 1;
        if (calls === 2)
          return Promise.reject(new ChatApiError({ code: 'UNAVAILABLE', message: 'store away' }, 503));
        if (calls === 3) done();
        return Promise.resolve({ room, missed: [], hasMore: false, revThrough: 0 });
      });
      void feeds.join('r1').then(() => feeds.resume());
    });
    await rejoined;
    expect(calls).toBe(3);
  });

  it('drops a room the server refuses', async () => {
    const dropped: string[] = [];
    let calls = 0;
    const feeds = feedsWith(() => {
      calls += 1;
      if (calls === 1) return Promise.resolve({ room, missed: [], hasMore: false, revThrough: 0 });
      return Promise.reject(new ChatApiError({ code: 'FORBIDDEN', message: 'removed' }, 403));
    }, dropped);
    await feeds.join('r1');
    await feeds.resume();
    expect(dropped).toEqual(['r1']);
    expect(feeds.roomIds).toEqual([]);
  });
});
