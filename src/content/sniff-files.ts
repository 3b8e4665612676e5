import { SNIFF_BYTES, sniffImageType } from '../common/image-type';

/** Names of picture files; a file so named (or typed) is reviewed even when its bytes are not a picture. */
const PICTURE_NAME = /\.(jpe?g|jfif|png|apng|webp|gif|bmp|tiff?|hei[cf]|avif|svgz?|jxl|dng)$/i;

/**
 * A file whose name or type says "picture" but whose bytes are not one (damaged, empty,
 * an unknown photo format) is reviewed too, so the person is told it could not be checked
 * instead of it passing unseen (docs/bad-input.md).
 */
const claimsPicture = (file: File): boolean => file.type.startsWith('image/') || PICTURE_NAME.test(file.name);

/** Reads only the first bytes of each file: enough to tell an image, never the pixels. */
export async function isImageFile(file: File): Promise<boolean> {
  try {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    return sniffImageType(head) !== undefined || claimsPicture(file);
  } catch {
    // An unreadable file cannot be checked; treat it as an image so the person is told.
    return true;
  }
}

/** The pictures among `files` (the rest go to the page as they are). */
export async function imagesAmong(files: readonly File[]): Promise<File[]> {
  const flags = await Promise.all(files.map(isImageFile));
  return files.filter((_, i) => flags[i]);
}
