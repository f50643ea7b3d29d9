import type { Attachment } from '@chat/contracts';

/** `12.3 KB`: sizes as a person reads them (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** One indented line per attachment, with the id `download` takes. */
export function formatAttachments(attachments: readonly Attachment[]): string {
  return attachments
    .map((file) => {
      const pixels = file.width && file.height ? `, ${file.width}x${file.height}` : '';
      return `\n    attachment: ${file.name} (${formatSize(file.size)}${pixels})  id ${file.id}`;
    })
    .join('');
}
