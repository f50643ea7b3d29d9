import { AppError, newId } from '@chat/platform';
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

  it('rotates a refresh hash exactly once under concurrency, remembering the spent one', async () => {
    const id = newId();
    const now = new Date();
    await store().sessions.create({
      id,
      userId: newId(),
      refreshHash: 'h0',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    });
    const expiry = new Date(now.getTime() + 120_000);
    const rotations = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store().sessions.rotate(id, 'h0', `h1-${i}`, expiry)),
    );
    const winners = rotations.filter((rotation) => rotation !== null);
    expect(winners).toHaveLength(1);
    const session = await store().sessions.findById(id);
    expect(session?.refreshHash).toBe(winners[0].refreshHash);
    expect(session?.spentHashes).toEqual(['h0']);
    expect(session?.expiresAt.getTime()).toBe(expiry.getTime());
  });

  it('refuses to rotate a revoked session', async () => {
    const id = newId();
    const now = new Date();
    await store().sessions.create({
      id,
      userId: newId(),
      refreshHash: 'r0',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    });
    await store().sessions.markRevoked(id);
    await store().sessions.markRevoked(id);
    expect(await store().sessions.rotate(id, 'r0', 'r1', new Date(now.getTime() + 60_000))).toBeNull();
    expect((await store().sessions.findById(id))?.revokedAt).toBeInstanceOf(Date);
  });
});
