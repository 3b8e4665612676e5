import type { ImageType } from '../common/image-type';
import { ascii } from './bytes';
import { walkPng } from './png-chunks';

/**
 * Whether a PNG or WebP can store colour under transparent pixels (an alpha channel, or a
 * PNG transparency chunk). Such a file's protected copy is re-encoded from the canvas, whose
 * premultiplied pixels keep no colour where alpha is 0, instead of being stripped losslessly.
 */
export function mayHideColourUnderAlpha(bytes: Uint8Array, type: ImageType | undefined): boolean {
  if (type === 'png') {
    const { chunks } = walkPng(bytes);
    const ihdr = chunks[0];
    const colourType = ihdr?.type === 'IHDR' ? bytes[ihdr.dataStart + 9] : undefined;
    return colourType === 4 || colourType === 6 || chunks.some((c) => c.type === 'tRNS');
  }
  if (type === 'webp' && bytes.length >= 30 && ascii(bytes, 0, 4) === 'RIFF') {
    const first = ascii(bytes, 12, 4);
    if (first === 'VP8X') return ((bytes[20] ?? 0) & 0x10) !== 0;
    // VP8L header: signature 0x2f, then little-endian 14+14 bits of size and bit 28, alpha_is_used.
    if (first === 'VP8L') return (((bytes[24] ?? 0) >> 4) & 1) === 1;
  }
  return false;
}

/**
 * Whether the picture may have pixels that are not fully opaque, from its header alone: a
 * JPEG never; a PNG or WebP only with an alpha channel or transparency chunk (most photos
 * and many screenshots have neither, and then need no scan of their pixels); other types
 * (GIF, BMP, AVIF, HEIC) are looked at.
 */
export function mayHaveTransparency(bytes: Uint8Array, type: ImageType | undefined): boolean {
  if (type === 'jpeg') return false;
  if (type === 'png' || type === 'webp') return mayHideColourUnderAlpha(bytes, type);
  return true;
}
