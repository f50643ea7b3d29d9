import { uploadFile, uploadsDue } from './uploads';

describe('load kit uploads', () => {
  it('picks exactly the share of sends, spread evenly', () => {
    const picked = (share: number, sends: number) =>
      Array.from({ length: sends }, (_, n) => n).filter((n) => uploadsDue(n, share));
    expect(picked(0.2, 20)).toEqual([4, 9, 14, 19]);
    expect(picked(0, 100)).toEqual([]);
    expect(picked(1, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(picked(0.5, 10)).toHaveLength(5);
  });

  it('generates a file of the asked size that is not one repeated byte', () => {
    const file = uploadFile(20_000, 'abc');
    expect(file.data.byteLength).toBe(20_000);
    expect(new Set(file.data).size).toBeGreaterThan(200);
    expect(file.name).toBe('loadgen-abc.bin');
  });
});
