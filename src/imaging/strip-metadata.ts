import type { ImageType } from '../common/image-type';
import { StripError } from './strip-error';
import { stripJpeg } from './strip-jpeg';
import { stripPng } from './strip-png';
import { stripTiff } from './strip-tiff';
import { stripWebp } from './strip-webp';

export { StripError } from './strip-error';

const STRIPPERS: Partial<Record<ImageType, (b: Uint8Array) => Uint8Array>> = {
  jpeg: stripJpeg,
  png: stripPng,
  webp: stripWebp,
  tiff: stripTiff,
};

/** Whether `stripMetadata` can clean this type without re-encoding. */
export const canStripLosslessly = (type: ImageType): boolean => type in STRIPPERS;

/**
 * A copy of the photo without hidden data, pixels untouched. Throws `StripError` with
 * `unsupported-type` for HEIC, AVIF, GIF, BMP and SVG: the caller re-encodes those.
 */
export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  const strip = STRIPPERS[type];
  if (!strip) throw new StripError('unsupported-type', `Hidden data cannot be removed from ${type} without re-encoding.`);
  return strip(bytes);
}
