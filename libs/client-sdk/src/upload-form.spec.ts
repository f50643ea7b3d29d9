import { uploadForm, uploadSize } from './upload-form';

describe('the upload body', () => {
  it('puts a named buffer in one part `file`, with its name and claimed type', async () => {
    const form = uploadForm({ name: 'chart.png', data: new Uint8Array([1, 2, 3]), contentType: 'image/png' });
    const parts = [...form.entries()];
    expect(parts.map(([name]) => name)).toEqual(['file']);
    const file = parts[0][1] as File;
    expect(file.name).toBe('chart.png');
    expect(file.type).toBe('image/png');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('keeps a File’s own name and gives a bare Blob a neutral one', () => {
    const named = uploadForm(new File(['x'], 'notes.txt')).get('file') as File;
    expect(named.name).toBe('notes.txt');
    const bare = uploadForm(new Blob(['x'])).get('file') as File;
    expect(bare.name).toBe('file');
  });

  it('copies a view on part of a buffer, not the whole buffer', async () => {
    const whole = new Uint8Array([9, 9, 1, 2, 9]);
    const file = uploadForm({ name: 'part.bin', data: whole.subarray(2, 4) }).get('file') as File;
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2]);
  });

  it('measures every kind of input', () => {
    expect(uploadSize(new Blob(['abcd']))).toBe(4);
    expect(uploadSize({ name: 'a', data: new Uint8Array(7) })).toBe(7);
    expect(uploadSize({ name: 'a', data: new Blob(['ab']) })).toBe(2);
  });
});
