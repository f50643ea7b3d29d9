import { downloadName } from './download-name';

describe('the name a download is saved under', () => {
  it('takes the disposition name, the UTF-8 one first', () => {
    expect(downloadName('a1', 'application/pdf', 'attachment; filename="notes.pdf"')).toBe('notes.pdf');
    expect(
      downloadName('a1', 'text/plain', `attachment; filename="x.txt"; filename*=UTF-8''na%C3%AFve.txt`),
    ).toBe('naïve.txt');
  });

  it('never lets the server choose a directory', () => {
    expect(downloadName('a1', 'text/plain', 'attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(downloadName('a1', 'text/plain', 'attachment; filename=".."')).toBe('a1.plain');
  });

  it('falls back to the id with an extension from the type', () => {
    expect(downloadName('a1', 'image/png')).toBe('a1.png');
    expect(downloadName('a1', 'image/webp')).toBe('a1.webp');
    expect(downloadName('a1', 'image/svg+xml')).toBe('a1.svg');
    expect(downloadName('a1', 'application/octet-stream')).toBe('a1');
  });
});
