import { openTiff, readIfd, ORIENTATION_TAG, type IfdEntry, type TiffView } from './tiff-ifd';

/**
 * Which picture of a TIFF the checks look at and a protected copy is made from.
 *
 * - A TIFF (document scans, exports): its first full-resolution page. Later pages are named
 *   (`pages`) but not decoded: the protected copy has the first page only, as the lossless
 *   strip (`strip-tiff.ts`) already does.
 * - A DNG (camera RAW): its largest embedded JPEG preview. DNG's IFD0 is usually a small
 *   thumbnail and the raw sensor data needs demosaicing and colour rendering, which is a raw
 *   developer's job; the preview is the camera's own rendering of the photo, usually at or
 *   near full size, and shows what the raw shows (faces, text). A DNG with no JPEG preview
 *   falls back to its IFD0 picture.
 */
export type TiffPicture =
  | { kind: 'jpeg'; start: number; end: number; width: number | undefined; height: number | undefined; orientation: number }
  | { kind: 'page'; index: number; width: number; height: number; orientation: number; pages: number };

const NEW_SUBFILE_TYPE = 254;
const WIDTH = 256;
const HEIGHT = 257;
const COMPRESSION = 259;
const PHOTOMETRIC = 262;
const STRIP_OFFSETS = 273;
const STRIP_BYTES = 279;
const SUB_IFDS = 330;
const JPEG_IF_OFFSET = 513;
const JPEG_IF_LENGTH = 514;
const DNG_VERSION = 50706;
/** Photometric interpretations of raw sensor data (CFA, linear raw): never a preview. */
const RAW_PHOTOMETRIC = new Set([32803, 34892]);
/** Bounds the IFDs followed, whatever a damaged or hostile file links to. */
const MAX_IFDS = 64;

function numbers(t: TiffView, e: IfdEntry | undefined): number[] {
  if (!e || (e.type !== 3 && e.type !== 4 && e.type !== 13)) return [];
  const size = e.type === 3 ? 2 : 4;
  const out: number[] = [];
  for (let i = 0; i < e.count && i < 4096 && e.valueAt + (i + 1) * size <= t.b.length; i++) {
    out.push(size === 2 ? t.u16(e.valueAt + i * size) : t.u32(e.valueAt + i * size));
  }
  return out;
}

interface Ifd {
  get(tag: number): number | undefined;
  all(tag: number): number[];
  next: number;
}

function ifdAt(t: TiffView, offset: number): Ifd | undefined {
  const ifd = readIfd(t, offset);
  if (!ifd) return undefined;
  const all = (tag: number): number[] => numbers(t, ifd.entries.find((e) => e.tag === tag));
  return { get: (tag) => all(tag)[0], all, next: ifd.next };
}

/** Offsets of the main chain of IFDs (pages), IFD0 first, each once. */
function mainChain(t: TiffView): number[] {
  const out: number[] = [];
  for (let at = t.ifd0; at !== 0 && out.length < MAX_IFDS && !out.includes(at); ) {
    const ifd = ifdAt(t, at);
    if (!ifd) break;
    out.push(at);
    at = ifd.next;
  }
  return out;
}

const isJpegAt = (b: Uint8Array, start: number): boolean => b[start] === 0xff && b[start + 1] === 0xd8 && b[start + 2] === 0xff;

/** A complete JPEG stream stored in this IFD (DNG previews), if it holds one. */
function jpegStream(t: TiffView, ifd: Ifd): { start: number; end: number } | undefined {
  const compression = ifd.get(COMPRESSION);
  const photometric = ifd.get(PHOTOMETRIC);
  if ((compression !== 6 && compression !== 7) || (photometric !== undefined && RAW_PHOTOMETRIC.has(photometric))) return undefined;
  const candidates: Array<[number | undefined, number | undefined]> = [
    [ifd.get(JPEG_IF_OFFSET), ifd.get(JPEG_IF_LENGTH)],
  ];
  const offs = ifd.all(STRIP_OFFSETS);
  const lens = ifd.all(STRIP_BYTES);
  // One strip (or contiguous strips) holding the whole stream.
  if (offs.length > 0 && offs.length === lens.length) {
    const contiguous = offs.every((o, i) => i === 0 || o === (offs[i - 1] ?? 0) + (lens[i - 1] ?? 0));
    if (contiguous) candidates.push([offs[0], lens.reduce((n, l) => n + l, 0)]);
  }
  for (const [start, length] of candidates) {
    if (start === undefined || !length || start + length > t.b.length || !isJpegAt(t.b, start)) continue;
    return { start, end: start + length };
  }
  return undefined;
}

function orientationOf(ifd0: Ifd): number {
  const o = ifd0.get(ORIENTATION_TAG);
  return o !== undefined && o >= 1 && o <= 8 ? o : 1;
}

/** Whether the TIFF structure is a DNG (camera RAW): IFD0 carries DNGVersion. */
export function isDng(bytes: Uint8Array): boolean {
  const t = openTiff(bytes);
  return (t && readIfd(t, t.ifd0)?.entries.some((e) => e.tag === DNG_VERSION)) ?? false;
}

/** The main chain's IFDs and their SubIFDs (a DNG keeps its preview and raw data there), at most `MAX_IFDS`. */
function withSubIfds(t: TiffView, chain: number[]): number[] {
  return [...chain, ...chain.flatMap((at) => ifdAt(t, at)?.all(SUB_IFDS) ?? [])].slice(0, MAX_IFDS);
}

function largestPreview(t: TiffView, chain: number[]): TiffPicture | undefined {
  const ifd0 = ifdAt(t, t.ifd0);
  if (!ifd0) return undefined;
  const offsets = withSubIfds(t, chain);
  let best: (TiffPicture & { kind: 'jpeg' }) | undefined;
  const area = (p: { width: number | undefined; height: number | undefined; start: number; end: number }): number =>
    p.width && p.height ? p.width * p.height : p.end - p.start;
  for (const at of offsets) {
    const ifd = ifdAt(t, at);
    const stream = ifd && jpegStream(t, ifd);
    if (!ifd || !stream) continue;
    const candidate = { kind: 'jpeg' as const, ...stream, width: ifd.get(WIDTH), height: ifd.get(HEIGHT), orientation: orientationOf(ifd0) };
    if (!best || area(candidate) > area(best)) best = candidate;
  }
  return best;
}

export function tiffPicture(bytes: Uint8Array): TiffPicture | undefined {
  const t = openTiff(bytes);
  const ifd0 = t && ifdAt(t, t.ifd0);
  if (!t || !ifd0) return undefined;
  const chain = mainChain(t);
  if (isDng(bytes)) {
    const preview = largestPreview(t, chain);
    if (preview) return preview;
  }
  // Pages are the main chain's full-resolution IFDs (NewSubfileType bit 0 marks a
  // reduced-resolution copy, such as a thumbnail).
  const full = chain.map((at, index) => ({ at, index, ifd: ifdAt(t, at) })).filter((p) => p.ifd && ((p.ifd.get(NEW_SUBFILE_TYPE) ?? 0) & 1) === 0);
  const first = full[0] ?? { at: t.ifd0, index: 0, ifd: ifd0 };
  const width = first.ifd?.get(WIDTH);
  const height = first.ifd?.get(HEIGHT);
  if (!width || !height) return undefined;
  return { kind: 'page', index: first.index, width, height, orientation: orientationOf(ifd0), pages: Math.max(1, full.length) };
}

/**
 * A DNG whose only picture a browser can show is far smaller than its raw photo: a thumbnail
 * (8 × 8 in exiftool's test DNG, whose raw is 3516 × 2328) says nothing about the faces or
 * print of the photo, so checking it would report "nothing found" for a photo never looked
 * at. Too small: under a quarter of the raw's long side and under `MIN_PREVIEW_SIDE`.
 * Returns both sizes then, undefined otherwise (not a DNG, no raw size, a large preview).
 */
export const MIN_PREVIEW_SIDE = 1024;

export function dngPreviewTooSmall(bytes: Uint8Array): { picture: [number, number]; raw: [number, number] } | undefined {
  if (!isDng(bytes)) return undefined;
  const t = openTiff(bytes);
  if (!t) return undefined;
  let raw: [number, number] | undefined;
  for (const at of withSubIfds(t, mainChain(t))) {
    const ifd = ifdAt(t, at);
    const photometric = ifd?.get(PHOTOMETRIC);
    const [w, h] = [ifd?.get(WIDTH) ?? 0, ifd?.get(HEIGHT) ?? 0];
    if (RAW_PHOTOMETRIC.has(photometric ?? 0) && w * h > (raw ? raw[0] * raw[1] : 0)) raw = [w, h];
  }
  const picture = tiffPicture(bytes);
  if (!raw || !picture?.width || !picture.height) return undefined;
  const side = Math.max(picture.width, picture.height);
  if (side >= MIN_PREVIEW_SIDE || side * 4 >= Math.max(...raw)) return undefined;
  return { picture: [picture.width, picture.height], raw };
}
