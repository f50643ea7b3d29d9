/**
 * Where `download` saves when no `--out` is given: the server's `Content-Disposition` name, else the id
 * with an extension from the content type. Only a base name is kept: a name from the server never
 * chooses a directory.
 */
export function downloadName(id: string, contentType: string, disposition?: string): string {
  const fromHeader = disposition ? dispositionName(disposition) : undefined;
  const safe = fromHeader?.split(/[\\/]/).pop()?.replace(/^\.+/, '');
  if (safe) return safe;
  const subtype = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(contentType)?.[1]?.split('+')[0];
  const extension = subtype && subtype !== 'octet-stream' ? `.${subtype}` : '';
  return `${id}${extension}`;
}

function dispositionName(disposition: string): string | undefined {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed encoding falls back to the plain name.
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1]?.trim();
}
