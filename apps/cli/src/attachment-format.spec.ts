import { formatAttachments, formatSize } from './attachment-format';

describe('attachment lines in the terminal', () => {
  it('prints sizes in bytes, KB and MB', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(20_000)).toBe('19.5 KB');
    expect(formatSize(25 * 1024 * 1024)).toBe('25.0 MB');
  });

  it('prints one line per attachment with its id, and pixels for images', () => {
    const png = {
      id: 'a1',
      roomId: 'r',
      name: 'chart.png',
      contentType: 'image/png',
      size: 2048,
      width: 8,
      height: 6,
    };
    const pdf = { id: 'a2', roomId: 'r', name: 'notes.pdf', contentType: 'application/pdf', size: 10 };
    expect(formatAttachments([png, pdf])).toBe(
      '\n    attachment: chart.png (2.0 KB, 8x6)  id a1\n    attachment: notes.pdf (10 B)  id a2',
    );
    expect(formatAttachments([])).toBe('');
  });
});
