import type { ImageType } from '../common/image-type';
import { concatBytes, startsWithAscii } from './bytes';
import { segmentData, walkJpeg } from './jpeg-segments';
import { chunkData, walkPng } from './png-chunks';
import { riffData, walkWebp } from './riff-chunks';
import { StripError } from './strip-error';
import { openTiff, readIfd } from './tiff-ifd';
import { tiffPicture } from './tiff-picture';
import { pngChunk } from './strip-png';
import { zlibStore } from './zlib-store';

/**
 * A colour profile as found in a file. PNG stores it zlib-compressed and we carry no
 * inflater (pure code, no DecompressionStream in every runtime), so a PNG profile stays
 * compressed: `zlib` can go back into a PNG as is, but not into a JPEG.
 */
export interface IccProfile {
  encoding: 'raw' | 'zlib';
  data: Uint8Array;
}

const ICC_MARKER = 'ICC_PROFILE\0';
/** Largest profile slice per APP2: 65535 - length(2) - "ICC_PROFILE\0"(12) - seq/count(2). */
export const ICC_CHUNK = 65519;

function jpegProfile(b: Uint8Array): IccProfile | undefined {
  const parts = walkJpeg(b)
    .segments.filter((s) => s.marker === 0xe2 && startsWithAscii(b, s.dataStart, ICC_MARKER))
    .map((s) => segmentData(b, s))
    .filter((d) => d.length > 14)
    .map((d) => ({ seq: d[12]!, data: d.subarray(14) }))
    .sort((x, y) => x.seq - y.seq);
  return parts.length ? { encoding: 'raw', data: concatBytes(parts.map((p) => p.data)) } : undefined;
}

function pngProfile(b: Uint8Array): IccProfile | undefined {
  const chunk = walkPng(b).chunks.find((c) => c.type === 'iCCP');
  if (!chunk) return undefined;
  const d = chunkData(b, chunk);
  const nul = d.indexOf(0);
  if (nul < 1 || nul + 2 > d.length) return undefined;
  return { encoding: 'zlib', data: d.slice(nul + 2) }; // skip name, NUL, method byte
}

function webpProfile(b: Uint8Array): IccProfile | undefined {
  const chunk = walkWebp(b).chunks.find((c) => c.fourcc === 'ICCP');
  return chunk ? { encoding: 'raw', data: riffData(b, chunk).slice() } : undefined;
}

const ICC_TAG = 34675;

/** A TIFF's profile (tag 34675 of IFD0), or the one in a DNG's JPEG preview, which is what is decoded. */
function tiffProfile(b: Uint8Array): IccProfile | undefined {
  const picture = tiffPicture(b);
  if (picture?.kind === 'jpeg') return jpegProfile(b.subarray(picture.start, picture.end));
  const t = openTiff(b);
  const entry = t && readIfd(t, t.ifd0)?.entries.find((e) => e.tag === ICC_TAG && (e.type === 7 || e.type === 1));
  if (!entry || entry.byteLength <= 4 || entry.valueAt + entry.byteLength > b.length) return undefined;
  return { encoding: 'raw', data: b.slice(entry.valueAt, entry.valueAt + entry.byteLength) };
}

/** The colour profile of a JPEG, PNG, WebP or TIFF, so a re-encoded copy can keep its colours. */
export function extractIccProfile(bytes: Uint8Array, type: ImageType): IccProfile | undefined {
  try {
    if (type === 'tiff') return tiffProfile(bytes);
    if (type === 'jpeg') return jpegProfile(bytes);
    if (type === 'png') return pngProfile(bytes);
    if (type === 'webp') return webpProfile(bytes);
  } catch {
    // A damaged container has no profile we can trust.
  }
  return undefined;
}

function attachToJpeg(b: Uint8Array, profile: IccProfile): Uint8Array {
  if (profile.encoding !== 'raw') throw new StripError('unsupported-type', 'A compressed PNG profile cannot go into a JPEG.');
  const { segments } = walkJpeg(b);
  const first = segments[0];
  // After SOI and a leading JFIF APP0, where readers expect application segments.
  const insertAt = first && first.marker === 0xe0 ? first.end : 2;
  const count = Math.ceil(profile.data.length / ICC_CHUNK);
  const segs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const slice = profile.data.subarray(i * ICC_CHUNK, (i + 1) * ICC_CHUNK);
    const length = 2 + ICC_MARKER.length + 2 + slice.length;
    segs.push(new Uint8Array([0xff, 0xe2, length >> 8, length & 0xff]), new TextEncoder().encode(ICC_MARKER));
    segs.push(new Uint8Array([i + 1, count]), slice);
  }
  return concatBytes([b.subarray(0, insertAt), ...segs, b.subarray(insertAt)]);
}

function attachToPng(b: Uint8Array, profile: IccProfile): Uint8Array {
  const { chunks } = walkPng(b);
  const ihdr = chunks[0];
  if (!ihdr || ihdr.type !== 'IHDR') throw new StripError('malformed', 'The PNG has no IHDR.');
  const compressed = profile.encoding === 'zlib' ? profile.data : zlibStore(profile.data);
  // iCCP and sRGB must not both be present; the profile we attach is the truth.
  const payload = concatBytes([new TextEncoder().encode('ICC profile'), new Uint8Array([0, 0]), compressed]);
  const rest = chunks.slice(1).filter((c) => c.type !== 'iCCP' && c.type !== 'sRGB');
  return concatBytes([b.subarray(0, ihdr.end), pngChunk('iCCP', payload), ...rest.map((c) => b.subarray(c.start, c.end))]);
}

/**
 * Puts a colour profile into a freshly encoded JPEG (APP2 segments) or PNG (iCCP after
 * IHDR). Other types are returned unchanged: the encoder path only makes JPEG and PNG.
 */
export function attachIccProfile(bytes: Uint8Array, type: ImageType, profile: IccProfile): Uint8Array {
  if (type === 'jpeg') return attachToJpeg(bytes, profile);
  if (type === 'png') return attachToPng(bytes, profile);
  return bytes;
}
