import { RoomLimits, withoutUnsafeCharacters } from '@chat/contracts';

/**
 * A file name as it may be shown and sent back in a header: the last path part only, no control, bidi or
 * other invisible characters, no leading dots (no `..`, no hidden files), at most 200 code points with
 * the extension kept. Nothing left: `file`.
 */
export function cleanFileName(raw: string | undefined): string {
  const lastPart = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const visible = withoutUnsafeCharacters(lastPart.normalize('NFC')).trim().replace(/^\.+/, '').trim();
  const points = [...visible];
  const max = RoomLimits.attachmentName.max;
  if (points.length <= max) return visible || 'file';
  const dot = visible.lastIndexOf('.');
  const extension = dot > 0 ? [...visible.slice(dot)].slice(0, 16) : [];
  return points.slice(0, max - extension.length).join('') + extension.join('');
}
