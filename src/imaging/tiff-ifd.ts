import { u16be, u16le, u32be, u32le } from './bytes';

/** A view on a TIFF structure (a TIFF file, or the payload of an EXIF block). */
export interface TiffView {
  b: Uint8Array;
  le: boolean;
  u16(at: number): number;
  u32(at: number): number;
  /** Offset of IFD0. */
  ifd0: number;
}

export function openTiff(b: Uint8Array): TiffView | undefined {
  if (b.length < 8) return undefined;
  const le = b[0] === 0x49 && b[1] === 0x49;
  const be = b[0] === 0x4d && b[1] === 0x4d;
  if (!le && !be) return undefined;
  const u16 = (at: number): number => (le ? u16le(b, at) : u16be(b, at));
  const u32 = (at: number): number => (le ? u32le(b, at) : u32be(b, at));
  if (u16(2) !== 42) return undefined;
  return { b, le, u16, u32, ifd0: u32(4) };
}

export interface IfdEntry {
  /** Offset of the 12-byte entry. */
  at: number;
  tag: number;
  type: number;
  count: number;
  /** Offset of the value: inside the entry when it fits in 4 bytes, else where it points. */
  valueAt: number;
  byteLength: number;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/** Entries of one IFD, or undefined when it does not fit in the data. */
export function readIfd(t: TiffView, offset: number): { entries: IfdEntry[]; next: number } | undefined {
  if (offset < 8 || offset + 2 > t.b.length) return undefined;
  const n = t.u16(offset);
  if (offset + 2 + n * 12 + 4 > t.b.length) return undefined;
  const entries: IfdEntry[] = [];
  for (let i = 0; i < n; i++) {
    const at = offset + 2 + i * 12;
    const type = t.u16(at + 2);
    const count = t.u32(at + 4);
    const byteLength = (TYPE_SIZE[type] ?? 1) * count;
    const valueAt = byteLength <= 4 ? at + 8 : t.u32(at + 8);
    entries.push({ at, tag: t.u16(at), type, count, valueAt, byteLength });
  }
  return { entries, next: t.u32(offset + 2 + n * 12) };
}

export const ORIENTATION_TAG = 0x0112;

/** Tag numbers present in IFD0 (empty when the block cannot be read). */
export function ifd0Tags(tiff: Uint8Array): number[] {
  const t = openTiff(tiff);
  return (t && readIfd(t, t.ifd0)?.entries.map((e) => e.tag)) ?? [];
}

/** EXIF Orientation (1–8) from IFD0, if present and sane. */
export function readOrientation(tiff: Uint8Array): number | undefined {
  const t = openTiff(tiff);
  if (!t) return undefined;
  const entry = readIfd(t, t.ifd0)?.entries.find((e) => e.tag === ORIENTATION_TAG && e.type === 3);
  if (!entry) return undefined;
  const v = t.u16(entry.valueAt);
  return v >= 1 && v <= 8 ? v : undefined;
}

/**
 * A complete TIFF block whose IFD0 holds only Orientation: what a stripped photo keeps so
 * that viewers still show it upright. Same byte order as the source, to stay unsurprising.
 */
export function orientationOnlyTiff(orientation: number, littleEndian: boolean): Uint8Array {
  const b = new Uint8Array(8 + 2 + 12 + 4);
  const dv = new DataView(b.buffer);
  const le = littleEndian;
  b.set(le ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  dv.setUint16(2, 42, le);
  dv.setUint32(4, 8, le);
  dv.setUint16(8, 1, le);
  dv.setUint16(10, ORIENTATION_TAG, le);
  dv.setUint16(12, 3, le); // SHORT
  dv.setUint32(14, 1, le);
  dv.setUint16(18, orientation, le);
  dv.setUint32(22, 0, le); // no next IFD: no thumbnail
  return b;
}

/** Byte order of a TIFF block (little endian when unknown). */
export const isLittleEndianTiff = (tiff: Uint8Array): boolean => !(tiff[0] === 0x4d && tiff[1] === 0x4d);
