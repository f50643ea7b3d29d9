import { publicOnlyLookup } from './public-only-agent';

describe('publicOnlyLookup', () => {
  const resolve = (hostname: string, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) =>
      publicOnlyLookup(hostname, { all }, (error, address) => done({ error, address })),
    );

  it('refuses a name that resolves into the machine itself, whichever form the caller asks for', async () => {
    for (const all of [false, true]) {
      const { error } = await resolve('localhost', all);
      expect(error).toMatchObject({ code: 'EPUSHPRIVATE' });
    }
  });

  it('passes a public address through, in the form asked for', async () => {
    expect(await resolve('1.1.1.1', false)).toEqual({ error: null, address: '1.1.1.1' });
    expect(await resolve('1.1.1.1', true)).toEqual({
      error: null,
      address: [{ address: '1.1.1.1', family: 4 }],
    });
  });
});
