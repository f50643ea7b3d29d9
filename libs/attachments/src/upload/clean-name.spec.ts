import { cleanFileName } from './clean-name';

describe('cleanFileName', () => {
  it('keeps only the last path part and drops leading dots', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(cleanFileName('..')).toBe('file');
    expect(cleanFileName('.bashrc')).toBe('bashrc');
  });

  it('removes control and bidi characters, so a name cannot disguise its extension', () => {
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('a\u0000b\r\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('\u200B\u2066')).toBe('file');
  });

  it('caps the length and keeps the extension', () => {
    const long = `${'x'.repeat(500)}.png`;
    const cleaned = cleanFileName(long);
    expect([...cleaned]).toHaveLength(200);
    expect(cleaned.endsWith('.png')).toBe(true);
  });

  it('names a missing name "file"', () => {
    expect(cleanFileName(undefined)).toBe('file');
  });
});
