import type { ImageType } from '../common/image-type';
import { startsWithAscii, u16be, u16le, u32be, u32le } from './bytes';
import { isStartOfFrame } from './jpeg-segments';
import { openTiff, readIfd } from './tiff-ifd';

/**
 * The pixel size a picture's header claims, read without decoding anything. The decoder
 * trusts these same header fields when it allocates its pixel buffer, so this is what
 * guards against decompression bombs (a 20000×20000 header with a few bytes of data):
 * `decodeImage` refuses a picture whose claimed size is too large before any decoder runs.
 *
 * Pure and bounded: every read is checked against the end of the data and every loop moves
 * forward, so damaged or hostile input ends the read (undefined) instead of throwing or
 * looping.
 */
export interface ImageSize {
  width: number;
  height: number;
}

const u24le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);

/** First frame header (SOFn) of a JPEG; stops at the first scan (a SOF must come before it). */
function jpegSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let pos = 2;
  while (pos + 1 < b.length) {
    if (b[pos] !== 0xff) return undefined;
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI or scan before any frame
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) return undefined;
    const length = u16be(b, pos + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (pos + 9 > b.length) return undefined;
      return { height: u16be(b, pos + 5), width: u16be(b, pos + 7) };
    }
    pos += 2 + length;
  }
  return undefined;
}

function pngSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 24 || !startsWithAscii(b, 12, 'IHDR')) return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/**
 * WebP: the VP8X canvas and every frame (VP8, VP8L, animation frames); the largest counts,
 * since a frame that claims more than the canvas is still what a decoder would size for.
 */
function webpSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 20 || !startsWithAscii(b, 0, 'RIFF') || !startsWithAscii(b, 8, 'WEBP')) return undefined;
  let best: ImageSize | undefined;
  const consider = (width: number, height: number): void => {
    if (!best || width * height > best.width * best.height) best = { width, height };
  };
  const scan = (from: number, to: number, depth: number): void => {
    let pos = from;
    while (pos + 8 <= to) {
      const size = u32le(b, pos + 4);
      const data = pos + 8;
      const avail = Math.min(to, b.length) - data;
      const fourcc = String.fromCharCode(b[pos]!, b[pos + 1]!, b[pos + 2]!, b[pos + 3]!);
      if (fourcc === 'VP8X' && avail >= 10) consider(u24le(b, data + 4) + 1, u24le(b, data + 7) + 1);
      else if (fourcc === 'VP8 ' && avail >= 10 && b[data + 3] === 0x9d && b[data + 4] === 0x01 && b[data + 5] === 0x2a) {
        consider(u16le(b, data + 6) & 0x3fff, u16le(b, data + 8) & 0x3fff);
      } else if (fourcc === 'VP8L' && avail >= 5 && b[data] === 0x2f) {
        const bits = u32le(b, data + 1);
        consider((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      } else if (fourcc === 'ANMF' && avail >= 16) {
        consider(u24le(b, data + 6) + 1, u24le(b, data + 9) + 1);
        if (depth === 0) scan(data + 16, Math.min(to, data + size), 1);
      }
      const next = data + size + (size & 1);
      if (next <= pos) return;
      pos = next;
    }
  };
  scan(12, b.length, 0);
  return best;
}

/**
 * GIF: the logical screen, grown to the first frame when that frame is larger (decoders
 * size the canvas that way). Later frames are clipped to the canvas by decoders.
 */
function gifSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 10 || !(startsWithAscii(b, 0, 'GIF87a') || startsWithAscii(b, 0, 'GIF89a'))) return undefined;
  let width = u16le(b, 6);
  let height = u16le(b, 8);
  if (b.length < 13) return { width, height };
  let pos = 13;
  if (b[10]! & 0x80) pos += 3 * (1 << ((b[10]! & 7) + 1));
  while (pos < b.length) {
    const block = b[pos]!;
    if (block === 0x2c) {
      if (pos + 9 > b.length) break;
      width = Math.max(width, u16le(b, pos + 1) + u16le(b, pos + 5));
      height = Math.max(height, u16le(b, pos + 3) + u16le(b, pos + 7));
      break;
    }
    if (block !== 0x21) break; // trailer or damage
    pos += 2; // introducer + label
    while (pos < b.length && b[pos] !== 0) pos += b[pos]! + 1; // sub-blocks
    pos++; // block terminator
  }
  return { width, height };
}

function bmpSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 26 || !startsWithAscii(b, 0, 'BM')) return undefined;
  const header = u32le(b, 14);
  if (header === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

function tiffSize(b: Uint8Array): ImageSize | undefined {
  const t = openTiff(b);
  const ifd = t && readIfd(t, t.ifd0);
  if (!t || !ifd) return undefined;
  const value = (tag: number): number | undefined => {
    const e = ifd.entries.find((x) => x.tag === tag);
    if (!e || e.valueAt + 4 > b.length) return undefined;
    return e.type === 3 ? t.u16(e.valueAt) : e.type === 4 ? t.u32(e.valueAt) : undefined;
  };
  const width = value(256);
  const height = value(257);
  return width !== undefined && height !== undefined ? { width, height } : undefined;
}

const READERS: Partial<Record<ImageType, (b: Uint8Array) => ImageSize | undefined>> = {
  jpeg: jpegSize,
  png: pngSize,
  webp: webpSize,
  gif: gifSize,
  bmp: bmpSize,
  tiff: tiffSize,
};

/**
 * Width and height the header of a `type` picture claims (stored, before EXIF orientation),
 * or undefined when the header is missing, cut off or not understood. HEIC/AVIF sizes come
 * from `heifStructure` (the `ispe` property), SVG has no pixel size.
 */
export function readImageSize(b: Uint8Array, type: ImageType): ImageSize | undefined {
  const read = READERS[type];
  return read ? read(b) : undefined;
}
