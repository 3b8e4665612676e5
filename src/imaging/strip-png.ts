import { concatBytes, putU32be } from './bytes';
import { crc32 } from './crc32';
import { chunkData, PNG_SIGNATURE, walkPng, type PngChunk } from './png-chunks';
import { StripError } from './strip-error';
import { isLittleEndianTiff, orientationOnlyTiff, readOrientation } from './tiff-ifd';

/** Chunks that define how the picture looks (or animates); everything else is dropped. */
const KEPT = new Set([
  'IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND',
  'iCCP', 'sRGB', 'gAMA', 'cHRM', 'sBIT', 'pHYs', 'cICP', 'mDCV', 'cLLI',
  'acTL', 'fcTL', 'fdAT',
]);

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = new TextEncoder().encode(type);
  const out = new Uint8Array(12 + data.length);
  putU32be(out, 0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  putU32be(out, 8 + data.length, crc32(typeBytes, data));
  return out;
}

function exifOrientationChunk(b: Uint8Array, chunks: PngChunk[]): Uint8Array | undefined {
  const exif = chunks.find((c) => c.type === 'eXIf');
  if (!exif) return undefined;
  const tiff = chunkData(b, exif);
  const orientation = readOrientation(tiff);
  if (orientation === undefined || orientation === 1) return undefined;
  return pngChunk('eXIf', orientationOnlyTiff(orientation, isLittleEndianTiff(tiff)));
}

/**
 * Copies the picture chunks of a PNG verbatim (CRCs unchanged) and drops text, EXIF, XMP,
 * time stamps, private chunks and anything after IEND. A non-upright eXIf is replaced by one
 * holding only Orientation, written before the first IDAT as the PNG spec requires.
 */
export function stripPng(b: Uint8Array): Uint8Array {
  const { chunks, iendEnd, problem } = walkPng(b);
  if (problem || iendEnd === undefined) {
    throw new StripError(problem ?? 'truncated', `The PNG is ${problem ?? 'truncated'}; it cannot be cleaned losslessly.`);
  }
  let orientation = exifOrientationChunk(b, chunks);
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if (!KEPT.has(c.type)) continue;
    if (orientation && (c.type === 'IDAT' || c.type === 'fdAT' || c.type === 'fcTL' || c.type === 'IEND')) {
      parts.push(orientation);
      orientation = undefined;
    }
    parts.push(b.subarray(c.start, c.end));
  }
  return concatBytes(parts);
}
