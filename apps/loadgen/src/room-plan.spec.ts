import { assignUsers, roomSizes, seededRandom } from './room-plan';

describe('room plan', () => {
  it.each(['equal', 'zipf', 'random'] as const)(
    '%s sizes add up to the users, every room at least one',
    (dist) => {
      for (const [users, rooms] of [
        [12, 3],
        [100, 7],
        [5, 5],
        [1000, 40],
      ]) {
        const sizes = roomSizes(users, rooms, dist, seededRandom(7));
        expect(sizes).toHaveLength(rooms);
        expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(users);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it('equal sizes differ by at most one; zipf puts the most users in the first room', () => {
    const equal = roomSizes(100, 7, 'equal', seededRandom(1));
    expect(Math.max(...equal) - Math.min(...equal)).toBeLessThanOrEqual(1);
    const zipf = roomSizes(1000, 10, 'zipf', seededRandom(1));
    expect(zipf[0]).toBe(Math.max(...zipf));
    expect(zipf[0]).toBeGreaterThan(zipf[9] * 5);
  });

  it('the same seed gives the same plan', () => {
    expect(roomSizes(300, 9, 'random', seededRandom(42))).toEqual(
      roomSizes(300, 9, 'random', seededRandom(42)),
    );
  });

  it('assigns users to rooms in order of the sizes', () => {
    expect(assignUsers([2, 1, 3])).toEqual([0, 0, 1, 2, 2, 2]);
  });
});
