import { concatBytes, startsWithAscii } from './bytes';
import { segmentData, walkJpeg, type JpegSegment } from './jpeg-segments';
import { StripError } from './strip-error';
import { isLittleEndianTiff, orientationOnlyTiff, readOrientation } from './tiff-ifd';

const EXIF_HEADER = 'Exif\0\0';

/** APPn segments worth keeping: they change how the pixels look, and identify no one. */
function isKeptApp(b: Uint8Array, s: JpegSegment): boolean {
  const at = s.dataStart;
  if (s.marker === 0xe0) return startsWithAscii(b, at, 'JFIF\0');
  if (s.marker === 0xe2) return startsWithAscii(b, at, 'ICC_PROFILE\0');
  if (s.marker === 0xee) return startsWithAscii(b, at, 'Adobe');
  return false;
}

const isApp = (m: number): boolean => m >= 0xe0 && m <= 0xef;
const COM = 0xfe;

/** JFIF may carry its own thumbnail; keep the header, drop the thumbnail. */
function jfifWithoutThumbnail(b: Uint8Array, s: JpegSegment): Uint8Array {
  const seg = b.slice(s.start, s.end);
  const payload = s.end - s.dataStart;
  if (payload < 14) return seg;
  const out = seg.slice(0, 4 + 14);
  out[2] = 0;
  out[3] = 16; // length: 2 + 14
  out[16] = 0; // Xthumbnail
  out[17] = 0; // Ythumbnail
  return out;
}

function exifOrientation(b: Uint8Array, segments: JpegSegment[]): { orientation: number; le: boolean } | undefined {
  for (const s of segments) {
    if (s.marker !== 0xe1 || !startsWithAscii(b, s.dataStart, EXIF_HEADER)) continue;
    const tiff = segmentData(b, s).subarray(EXIF_HEADER.length);
    const orientation = readOrientation(tiff);
    if (orientation !== undefined) return { orientation, le: isLittleEndianTiff(tiff) };
  }
  return undefined;
}

function orientationSegment(orientation: number, le: boolean): Uint8Array {
  const tiff = orientationOnlyTiff(orientation, le);
  const length = 2 + EXIF_HEADER.length + tiff.length;
  const head = new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff]);
  return concatBytes([head, new TextEncoder().encode(EXIF_HEADER), tiff]);
}

/**
 * Removes every metadata segment from a JPEG without touching the compressed picture:
 * tables, frame and scan data are copied byte for byte. Anything after the first image's
 * EOI (MPF secondary images, gain maps, appended files) is dropped. A non-upright photo keeps
 * a minimal EXIF block with Orientation only, so it still displays the right way up.
 */
export function stripJpeg(b: Uint8Array): Uint8Array {
  const { segments, eoiEnd, problem } = walkJpeg(b);
  if (problem || eoiEnd === undefined) {
    throw new StripError(problem ?? 'truncated', `The JPEG is ${problem ?? 'truncated'}; it cannot be cleaned losslessly.`);
  }
  const oriented = exifOrientation(b, segments);
  const parts: Uint8Array[] = [new Uint8Array([0xff, 0xd8])];
  let orientationWritten = !oriented || oriented.orientation === 1;
  const writeOrientation = (): void => {
    if (orientationWritten || !oriented) return;
    parts.push(orientationSegment(oriented.orientation, oriented.le));
    orientationWritten = true;
  };
  for (const s of segments) {
    if (s.marker === COM) continue;
    if (isApp(s.marker)) {
      if (!isKeptApp(b, s)) continue;
      if (s.marker === 0xe0) {
        parts.push(jfifWithoutThumbnail(b, s));
        continue;
      }
    }
    writeOrientation(); // right after SOI/JFIF, before tables and frame
    parts.push(b.subarray(s.start, s.end));
  }
  writeOrientation();
  parts.push(new Uint8Array([0xff, 0xd9]));
  return concatBytes(parts);
}
