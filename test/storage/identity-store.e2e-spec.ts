import { AppError } from '@chat/platform/errors';
import { newId } from '@chat/platform/ids';
import { forEachStore } from '../support/storage-context';

const newUser = (username: string, passwordHash = `hash-${Math.random()}`) => ({
  username,
  displayName: username,
  passwordHash,
  roles: ['user' as const],
});

forEachStore('users and sessions store', (store) => {
  it('finds a user by any casing of the name, and by canonical id only', async () => {
    const created = await store().users.create(newUser('Carol'));
    expect((await store().users.findByUsername('cAROL'))?.id).toBe(created.id);
    expect((await store().users.findById(created.id.toUpperCase()))?.id).toBe(created.id);
    expect(await store().users.findById('not-an-id')).toBeNull();
    expect(await store().users.exists('CAROL')).toBe(true);
  });

  it('lets one of many concurrent registrations of names differing only in case win', async () => {
    const spellings = ['racer', 'Racer', 'RACER', 'rAcEr', 'raceR', 'RaCeR', 'racER', 'RACer'];
    const outcomes = await Promise.allSettled(spellings.map((name) => store().users.create(newUser(name))));
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect((outcome.reason as AppError).code).toBe('CONFLICT');
    const stored = await store().users.findByUsername('racer');
    expect(stored?.passwordHash).toBe(won[0].status === 'fulfilled' ? won[0].value.passwordHash : '');
  });

  it('searches by folded prefix in name order, bounded', async () => {
    for (const name of ['zeta3', 'zeta1', 'Zeta2', 'zetb']) await store().users.create(newUser(name));
    const found = await store().users.searchByPrefix('zeta', 2);
    expect(found.map((user) => user.usernameLower)).toEqual(['zeta1', 'zeta2']);
    expect(await store().users.searchByPrefix('%', 10)).toEqual([]);
  });

  it('adds a role once', async () => {
    const user = await store().users.create(newUser('roley'));
    await Promise.all([store().users.addRole(user.id, 'admin'), store().users.addRole(user.id, 'admin')]);
    expect((await store().users.findById(user.id))?.roles).toEqual(['user', 'admin']);
  });

  const openSession = async (refreshHash: string) => {
    const id = newId();
    const now = new Date();
    await store().sessions.create({
      id,
      userId: newId(),
      refreshHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    });
    return id;
  };
  const step = (presentedHash: string, nextHash: string, rotatedAt = new Date()) => ({
    presentedHash,
    nextHash,
    successorSealed: `sealed-${nextHash}`,
    rotatedAt,
    expiresAt: new Date(rotatedAt.getTime() + 120_000),
  });

  it('rotates a refresh hash exactly once under concurrency, remembering the spent one', async () => {
    const id = await openSession('h0');
    expect((await store().sessions.findById(id))?.lastRotation).toBeNull();
    const at = new Date();
    const rotations = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store().sessions.rotate(id, step('h0', `h1-${i}`, at))),
    );
    const winners = rotations.filter((rotation) => rotation !== null);
    expect(winners).toHaveLength(1);
    const session = await store().sessions.findById(id);
    expect(session?.refreshHash).toBe(winners[0].refreshHash);
    expect(session?.spentHashes).toEqual(['h0']);
    expect(session?.expiresAt.getTime()).toBe(at.getTime() + 120_000);
    // The grace fields describe the winner's rotation, never a loser's.
    expect(session?.lastRotation).toEqual({
      previousHash: 'h0',
      rotatedAt: at,
      successorSealed: `sealed-${winners[0].refreshHash}`,
    });
    expect(winners[0].lastRotation).toEqual(session?.lastRotation);
  });

  it('keeps only the last rotation for the grace window, and every spent hash for reuse', async () => {
    const id = await openSession('g0');
    await store().sessions.rotate(id, step('g0', 'g1'));
    const second = new Date();
    expect(await store().sessions.rotate(id, step('g1', 'g2', second))).not.toBeNull();
    expect(await store().sessions.rotate(id, step('g0', 'g9'))).toBeNull();
    const session = await store().sessions.findById(id);
    expect(session?.refreshHash).toBe('g2');
    expect(session?.spentHashes).toEqual(['g0', 'g1']);
    expect(session?.lastRotation).toEqual({
      previousHash: 'g1',
      rotatedAt: second,
      successorSealed: 'sealed-g2',
    });
  });

  it('refuses to rotate a revoked session', async () => {
    const id = await openSession('r0');
    await store().sessions.markRevoked(id);
    await store().sessions.markRevoked(id);
    expect(await store().sessions.rotate(id, step('r0', 'r1'))).toBeNull();
    const session = await store().sessions.findById(id);
    expect(session?.revokedAt).toBeInstanceOf(Date);
    expect(session?.lastRotation).toBeNull();
  });
});
