import { StripError } from './strip-error';
import { openTiff, readIfd, type IfdEntry, type TiffView } from './tiff-ifd';

/**
 * IFD0 tags that describe the pixels. Everything else (text tags, EXIF/GPS pointers, XMP,
 * IPTC, Photoshop, maker data) is removed: an allow-list, because TIFF has many private tags.
 */
const KEPT_TAGS = new Set([
  254, 255, 256, 257, 258, 259, 262, 263, 266, 273, 274, 277, 278, 279, 280, 281, 282, 283, 284,
  290, 291, 292, 293, 296, 301, 317, 318, 319, 320, 321, 322, 323, 324, 325, 332, 338, 339, 340,
  341, 347, 512, 513, 514, 515, 517, 518, 519, 520, 521, 529, 530, 531, 532, 0x8773,
]);

/** Tags whose values are offsets of further IFDs (EXIF, GPS, Interop, SubIFDs). */
const IFD_POINTERS = new Set([0x8769, 0x8825, 0xa005, 0x014a]);

/** (offsets tag, lengths tag) pairs that locate image data. */
const DATA_PAIRS: Array<[number, number]> = [
  [273, 279],
  [324, 325],
  [513, 514],
];

type Range = [start: number, end: number];

function values(t: TiffView, e: IfdEntry): number[] {
  const out: number[] = [];
  const size = e.type === 3 ? 2 : 4;
  if (e.type !== 3 && e.type !== 4 && e.type !== 13) return out;
  for (let i = 0; i < e.count && e.valueAt + (i + 1) * size <= t.b.length; i++) {
    out.push(size === 2 ? t.u16(e.valueAt + i * size) : t.u32(e.valueAt + i * size));
  }
  return out;
}

function dataRanges(t: TiffView, entries: IfdEntry[]): Range[] {
  const ranges: Range[] = [];
  for (const [offTag, lenTag] of DATA_PAIRS) {
    const off = entries.find((e) => e.tag === offTag);
    const len = entries.find((e) => e.tag === lenTag);
    if (!off || !len) continue;
    const offs = values(t, off);
    const lens = values(t, len);
    offs.forEach((o, i) => ranges.push([o, o + (lens[i] ?? 0)]));
  }
  return ranges;
}

const outOfLine = (e: IfdEntry): Range | undefined =>
  e.byteLength > 4 ? [e.valueAt, e.valueAt + e.byteLength] : undefined;

const ifdRange = (offset: number, count: number): Range => [offset, offset + 2 + count * 12 + 4];

/**
 * Cleans a TIFF in place, losslessly: IFD0 keeps only the tags that describe its pixels; the
 * metadata it pointed to and every further page/thumbnail IFD are zeroed out, so their bytes
 * no longer hold anything readable. Decision: a multi-page TIFF keeps its first page only (a
 * later "page" is as often a thumbnail of the original as a real page). Browsers cannot decode
 * TIFF, so re-encoding is not an option there; this is the only way to clean one.
 */
export function stripTiff(input: Uint8Array): Uint8Array {
  const b = input.slice();
  const t = openTiff(b);
  const ifd0 = t && readIfd(t, t.ifd0);
  if (!t || !ifd0) throw new StripError('malformed', 'The TIFF structure could not be read; it cannot be cleaned losslessly.');

  const kept = ifd0.entries.filter((e) => KEPT_TAGS.has(e.tag));
  // The 8-byte header is kept too: a metadata value may claim to sit on top of it.
  const keep: Range[] = [[0, 8], ifdRange(t.ifd0, ifd0.entries.length), ...dataRanges(t, kept)];
  for (const e of kept) {
    const r = outOfLine(e);
    if (r) keep.push(r);
  }
  const overlapsKept = ([s, e]: Range): boolean => keep.some(([ks, ke]) => s < ke && ks < e);
  const zero = (r: Range): void => {
    const [s, e] = [Math.max(0, r[0]), Math.min(b.length, r[1])];
    if (s < e && !overlapsKept([s, e])) b.fill(0, s, e);
  };

  const visited = new Set<number>([t.ifd0]);
  // A chain of IFDs (pages) is walked in a loop, not by recursion: a file can link tens of
  // thousands of tiny IFDs, which overflowed the stack (a RangeError, not a StripError).
  // The tables are zeroed after the whole chain is read, so one overlapping the next IFD
  // cannot hide it.
  const zeroIfd = (first: number, depth: number): void => {
    if (depth > 4) return;
    const tables: Range[] = [];
    for (let offset = first; offset !== 0 && !visited.has(offset); ) {
      visited.add(offset);
      const ifd = readIfd(t, offset);
      if (!ifd) break;
      zeroEntries(ifd.entries, depth);
      dataRanges(t, ifd.entries).forEach(zero);
      tables.push(ifdRange(offset, ifd.entries.length));
      offset = ifd.next;
    }
    tables.forEach(zero);
  };
  const zeroEntries = (entries: IfdEntry[], depth: number): void => {
    for (const e of entries) {
      if (IFD_POINTERS.has(e.tag)) values(t, e).forEach((o) => zeroIfd(o, depth + 1));
      const r = outOfLine(e);
      if (r) zero(r);
    }
  };

  zeroEntries(ifd0.entries.filter((e) => !KEPT_TAGS.has(e.tag)), 0);
  if (ifd0.next) zeroIfd(ifd0.next, 0);

  // Rewrite IFD0 in place with the kept entries (still sorted), no next IFD, rest zeroed.
  const entryBytes = kept.map((e) => b.slice(e.at, e.at + 12));
  const [start, end] = ifdRange(t.ifd0, ifd0.entries.length);
  b.fill(0, start, end);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  dv.setUint16(start, kept.length, t.le);
  entryBytes.forEach((eb, i) => b.set(eb, start + 2 + i * 12));
  dv.setUint32(start + 2 + kept.length * 12, 0, t.le);
  return b;
}
