import { INLINE_TYPES } from '../upload/content-type';
import type { AttachmentRecord } from '../records/attachment.record';
import type { ServedAs } from '../blobs/blob-store';
import type { Variant } from './attachment-links';

/** Headers every attachment answer carries, whoever serves it. */
export const SAFE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Cross-Origin-Resource-Policy': 'same-site',
} as const;

/**
 * The type and disposition of an answer: previews and the short list of raster images inline, anything
 * else (SVG and HTML included, which never pass as images here) as a download.
 */
export function servedAs(record: AttachmentRecord, variant: Variant): ServedAs {
  const contentType = variant === 'thumbnail' ? 'image/webp' : record.contentType;
  const inline = variant === 'thumbnail' || INLINE_TYPES.has(contentType);
  const name = variant === 'thumbnail' ? `${record.name}.webp` : record.name;
  return {
    contentType,
    contentDisposition: `${inline ? 'inline' : 'attachment'}; ${filenameParameters(name)}`,
  };
}

/** RFC 6266: an ASCII fallback, and the exact name in RFC 8187 encoding. */
function filenameParameters(name: string): string {
  const ascii = name.replace(/[^\x20-\x7E]|["\\]/g, '_');
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, escapeExtra)}`;
}

function escapeExtra(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}
