import { RevTracker } from './rev-tracker';

describe('RevTracker', () => {
  it('knows nothing until the server settles a starting rev', () => {
    const revs = new RevTracker();
    revs.observe(4);
    expect(revs.through).toBeNull();
    revs.settle(3);
    expect(revs.through).toBe(4);
  });

  it('moves through live revs only while they are contiguous, in any arrival order', () => {
    const revs = new RevTracker();
    revs.settle(10);
    revs.observe(12);
    revs.observe(13);
    expect(revs.through).toBe(10);
    revs.observe(11);
    expect(revs.through).toBe(13);
  });

  it('lets the server step over a hole that no live event will fill', () => {
    const revs = new RevTracker();
    revs.settle(10);
    revs.observe(12);
    revs.settle(11);
    expect(revs.through).toBe(12);
    revs.settle(5);
    expect(revs.through).toBe(12);
  });
});
