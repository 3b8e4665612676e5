import type { ImageType } from '../../common/image-type';

export interface Decoded {
  bitmap: ImageBitmap;
  width: number;
  height: number;
}

/** Types Chromium decodes itself; the rest need a WASM decoder (HEIC) or cannot be opened. */
const NATIVE: ReadonlySet<ImageType> = new Set(['jpeg', 'png', 'webp', 'gif', 'bmp', 'avif']);

export class DecodeError extends Error {}

/**
 * Decodes the upright picture (EXIF orientation applied, as every viewer shows it). Boxes
 * found on it are in the same pixels the dialog draws and the redaction covers.
 */
export async function decodeImage(file: Blob, type: ImageType | undefined): Promise<Decoded> {
  if (type === undefined) throw new DecodeError('This file is not a picture the checks can open.');
  if (!NATIVE.has(type)) throw new DecodeError(`Pictures of type ${type.toUpperCase()} cannot be opened here yet.`);
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { bitmap, width: bitmap.width, height: bitmap.height };
  } catch {
    throw new DecodeError('The picture is damaged or incomplete and could not be opened.');
  }
}

/** A small upright copy for the dialog's preview; it never leaves the extension. */
export async function makePreview(bitmap: ImageBitmap, longSide = 1280): Promise<ImageBitmap> {
  const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
  return createImageBitmap(bitmap, {
    resizeWidth: Math.max(1, Math.round(bitmap.width * scale)),
    resizeHeight: Math.max(1, Math.round(bitmap.height * scale)),
    resizeQuality: 'medium',
  });
}
