/** How many leading bytes the type detection reads. */
export const SNIFF_BYTES = 4100;

/** Raster images a browser may show inline: never SVG (scripts) nor anything text-based (HTML). */
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Images that get a preview. */
export const PREVIEW_TYPES = new Set([...INLINE_TYPES, 'image/avif', 'image/tiff', 'image/heic']);

interface FileTypeModule {
  fileTypeFromBuffer(buffer: Uint8Array): Promise<{ mime: string } | undefined>;
}

/**
 * `file-type` ships only as ESM. Node 24 loads it through `require`, but TypeScript's `node`
 * resolution cannot see its types and Jest's module registry cannot load it, so it is loaded on
 * first use behind this narrow interface.
 */
let fileType: Promise<FileTypeModule> | undefined;
function loadFileType(): Promise<FileTypeModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  fileType ??= Promise.resolve().then(() => require('file-type') as FileTypeModule);
  return fileType;
}

/**
 * The type from the file's leading bytes (magic numbers), whatever the upload claimed. Text-based
 * formats (HTML, SVG, plain text) have no magic number and come out as `application/octet-stream`,
 * which is served as a download and never rendered.
 */
export async function contentTypeOf(head: Buffer): Promise<string> {
  const { fileTypeFromBuffer } = await loadFileType();
  return (await fileTypeFromBuffer(head))?.mime ?? 'application/octet-stream';
}
