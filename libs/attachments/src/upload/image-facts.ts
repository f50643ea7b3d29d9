import sharp from 'sharp';
import { AppError } from '@chat/platform/errors';

/** The longest side of a preview. */
export const PREVIEW_SIZE = 320;

export interface ImageFacts {
  width: number;
  height: number;
}

/**
 * Pixel size as displayed (EXIF orientation applied), from the header alone. Refuses an image with more
 * pixels than `maxPixels` before anything decodes it: a few kilobytes of PNG can claim gigabytes.
 */
export async function readImageFacts(path: string, maxPixels: number): Promise<ImageFacts | null> {
  // The header alone: sharp's own pixel limit would throw here and hide the bomb as "not an image".
  const meta = await sharp(path, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height) return null;
  const frames = meta.pages ?? 1;
  if (meta.width * meta.height * frames > maxPixels)
    throw AppError.validation(`An image may have at most ${maxPixels} pixels (all frames together)`);
  const turned = (meta.orientation ?? 1) >= 5;
  return turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

/**
 * A WebP preview of at most 320 px a side, turned upright. sharp writes no metadata unless asked, so the
 * preview carries no EXIF: no location, no camera, no time.
 */
export async function writePreview(source: string, target: string, maxPixels: number): Promise<boolean> {
  try {
    await sharp(source, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toFile(target);
    return true;
  } catch (error) {
    if (/pixel limit/i.test(String(error)))
      throw AppError.validation(`An image may have at most ${maxPixels} pixels`);
    // A file that claims to be an image but does not decode is kept as a plain download, without preview.
    return false;
  }
}
