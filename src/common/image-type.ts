/**
 * Image types judged by their first bytes, never by file name or MIME type: a page (or a
 * person) can name a photo anything.
 */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'tiff' | 'heic' | 'avif' | 'svg';

/** How many leading bytes `sniffImageType` needs. */
export const SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, at: number, len: number): string =>
  String.fromCharCode(...b.subarray(at, at + len));

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function sniffIsoBmff(b: Uint8Array): ImageType | undefined {
  if (b.length < 12 || ascii(b, 4, 4) !== 'ftyp') return undefined;
  const boxSize = Math.min(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0, b.length);
  const brands = [ascii(b, 8, 4)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(b, at, 4));
  if (brands.some((x) => AVIF_BRANDS.has(x)) && brands[0] !== 'heic') return 'avif';
  if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heic';
  return undefined;
}

export function sniffImageType(head: Uint8Array): ImageType | undefined {
  const b = head;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') return 'bmp';
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'tiff';
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  const text = ascii(b, 0, Math.min(b.length, SNIFF_BYTES)).replace(/^\uFEFF/, '').trimStart();
  if (/^<(\?xml|svg)[\s>]/i.test(text) && (text.startsWith('<svg') || /<svg/i.test(text))) return 'svg';
  return undefined;
}

export const MIME_BY_TYPE: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  heic: 'image/heic',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};
