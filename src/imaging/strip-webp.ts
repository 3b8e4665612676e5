import { concatBytes, putU32le } from './bytes';
import { walkWebp } from './riff-chunks';
import { StripError } from './strip-error';

/** Chunks that make up the picture; EXIF, XMP and unknown chunks are dropped. */
const KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

const PICTURE = new Set(['VP8 ', 'VP8L', 'ANMF']);

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * Removes EXIF and XMP from a WebP and anything past the RIFF end. Orientation is not kept:
 * browsers ignore EXIF orientation in WebP, so it never changed how the photo looked.
 */
export function stripWebp(b: Uint8Array): Uint8Array {
  const { chunks, problem } = walkWebp(b);
  if (problem || chunks.length === 0) {
    throw new StripError(problem ?? 'malformed', `The WebP is ${problem ?? 'malformed'}; it cannot be cleaned losslessly.`);
  }
  // A WebP without picture data is not a picture: do not hand out an empty "clean" copy.
  if (!chunks.some((c) => PICTURE.has(c.fourcc))) {
    throw new StripError('malformed', 'The WebP has no picture data; it cannot be cleaned losslessly.');
  }
  const parts: Uint8Array[] = [];
  for (const c of chunks) {
    if (!KEPT.has(c.fourcc)) continue;
    const bytes = b.slice(c.start, c.end);
    if (c.fourcc === 'VP8X' && bytes.length > 8) bytes[8] = bytes[8]! & ~(VP8X_EXIF | VP8X_XMP);
    parts.push(bytes);
  }
  const body = concatBytes(parts);
  const head = new Uint8Array(12);
  head.set(b.subarray(0, 12));
  putU32le(head, 4, 4 + body.length);
  return concatBytes([head, body]);
}
