import { describe, expect, it } from 'vitest';
import { ifd0Tags, isLittleEndianTiff, openTiff, orientationOnlyTiff, readIfd, readOrientation } from '../../../src/imaging/tiff-ifd';
import { buildTiff } from './build-images';

/** A TIFF header (IFD0 at 8) and one IFD of raw entries [tag, type, count, value or offset], then `tail`. */
function tiff(le: boolean, entries: Array<[number, number, number, number]>, next = 0, tail: number[] = []): Uint8Array {
  const b = new Uint8Array(8 + 2 + entries.length * 12 + 4 + tail.length);
  const dv = new DataView(b.buffer);
  b.set(le ? [0x49, 0x49] : [0x4d, 0x4d]);
  dv.setUint16(2, 42, le);
  dv.setUint32(4, 8, le);
  dv.setUint16(8, entries.length, le);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    dv.setUint16(at, tag, le);
    dv.setUint16(at + 2, type, le);
    dv.setUint32(at + 4, count, le);
    if (type === 3 && count === 1) dv.setUint16(at + 8, value, le);
    else dv.setUint32(at + 8, value, le);
  });
  dv.setUint32(10 + entries.length * 12, next, le);
  b.set(tail, 14 + entries.length * 12);
  return b;
}

describe('openTiff', () => {
  it('reads the byte order, the magic number and the IFD0 offset in either byte order', () => {
    const le = openTiff(new Uint8Array([0x49, 0x49, 42, 0, 0x04, 0x03, 0x02, 0x01]))!;
    expect([le.le, le.ifd0, le.u16(2), le.u32(4)]).toEqual([true, 0x01020304, 42, 0x01020304]);
    const be = openTiff(new Uint8Array([0x4d, 0x4d, 0, 42, 0x01, 0x02, 0x03, 0x04]))!;
    expect([be.le, be.ifd0, be.u16(2), be.u32(4)]).toEqual([false, 0x01020304, 42, 0x01020304]);
  });

  it('is undefined for a header under 8 bytes, a mixed or unknown byte order, or another magic number', () => {
    for (const b of [
      [0x49, 0x49, 42, 0, 8, 0, 0],
      [0x49, 0x4d, 42, 0, 8, 0, 0, 0],
      [0x4d, 0x49, 0, 42, 0, 0, 0, 8],
      [0x49, 0x58, 42, 0, 8, 0, 0, 0],
      [0x58, 0x49, 42, 0, 8, 0, 0, 0],
      [0x4d, 0x58, 0, 42, 0, 0, 0, 8],
      [0x58, 0x4d, 0, 42, 0, 0, 0, 8],
      [0x49, 0x49, 0, 42, 8, 0, 0, 0], // big-endian 42 in a little-endian file
      [0x4d, 0x4d, 42, 0, 0, 0, 0, 8],
      [0x49, 0x49, 43, 0, 8, 0, 0, 0],
    ]) {
      expect(openTiff(new Uint8Array(b))).toBeUndefined();
    }
  });
});

describe('readIfd', () => {
  it('gives each entry with its value inline up to 4 bytes, else at the offset it holds, and the next IFD', () => {
    const b = tiff(true, [
      [0x0100, 3, 1, 640], // SHORT: inline
      [0x010f, 2, 4, 0x00434241], // ASCII, 4 bytes: inline
      [0x0110, 2, 5, 200], // ASCII, 5 bytes: at 200
      [0x0111, 4, 1, 300], // LONG: inline
      [0x011a, 5, 1, 400], // RATIONAL: 8 bytes, at 400
      [0x9999, 99, 3, 0], // unknown type: 1 byte per value
    ], 0x1234);
    const t = openTiff(b)!;
    expect(readIfd(t, 8)).toEqual({
      entries: [
        { at: 10, tag: 0x0100, type: 3, count: 1, valueAt: 18, byteLength: 2 },
        { at: 22, tag: 0x010f, type: 2, count: 4, valueAt: 30, byteLength: 4 },
        { at: 34, tag: 0x0110, type: 2, count: 5, valueAt: 200, byteLength: 5 },
        { at: 46, tag: 0x0111, type: 4, count: 1, valueAt: 54, byteLength: 4 },
        { at: 58, tag: 0x011a, type: 5, count: 1, valueAt: 400, byteLength: 8 },
        { at: 70, tag: 0x9999, type: 99, count: 3, valueAt: 78, byteLength: 3 },
      ],
      next: 0x1234,
    });
  });

  it('reads big-endian entries the same way', () => {
    const t = openTiff(tiff(false, [[0x0112, 3, 1, 6], [0x8769, 4, 1, 0x0102]], 0))!;
    expect(readIfd(t, 8)).toEqual({
      entries: [
        { at: 10, tag: 0x0112, type: 3, count: 1, valueAt: 18, byteLength: 2 },
        { at: 22, tag: 0x8769, type: 4, count: 1, valueAt: 30, byteLength: 4 },
      ],
      next: 0,
    });
  });

  it('an IFD that ends exactly at the end of the data is read; one byte short, or an offset inside the header, is not', () => {
    const b = tiff(false, [[0x0112, 3, 1, 6]]);
    const t = openTiff(b)!;
    expect(readIfd(t, 8)?.entries).toHaveLength(1);
    expect(readIfd(openTiff(b.subarray(0, b.length - 1))!, 8)).toBeUndefined();
    expect(readIfd(t, 7)).toBeUndefined();
    expect(readIfd(t, 0)).toBeUndefined();
    expect(readIfd(t, 4)).toBeUndefined(); // would read as an empty IFD: count 0 from the IFD0 offset's high bytes
    expect(readIfd(t, b.length - 1)).toBeUndefined();
    expect(readIfd(t, b.length)).toBeUndefined();
  });

  it('an empty IFD has no entries and still its next offset', () => {
    expect(readIfd(openTiff(tiff(true, [], 99))!, 8)).toEqual({ entries: [], next: 99 });
  });
});

describe('readOrientation', () => {
  it('reads an Orientation SHORT of 1 to 8 in either byte order', () => {
    for (const le of [false, true]) {
      for (const o of [1, 6, 8]) expect(readOrientation(tiff(le, [[0x010f, 2, 2, 0x41], [0x0112, 3, 1, o]]))).toBe(o);
    }
  });

  it('ignores an Orientation out of range, of another type, or missing, and an unreadable block', () => {
    expect(readOrientation(tiff(false, [[0x0112, 3, 1, 0]]))).toBeUndefined();
    expect(readOrientation(tiff(false, [[0x0112, 3, 1, 9]]))).toBeUndefined();
    expect(readOrientation(tiff(true, [[0x0112, 4, 1, 6]]))).toBeUndefined(); // LONG (its low half would read as 6)
    expect(readOrientation(tiff(false, [[0x0113, 3, 1, 6]]))).toBeUndefined();
    expect(readOrientation(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(readOrientation(tiff(false, [[0x0112, 3, 1, 6]]).subarray(0, 20))).toBeUndefined();
  });
});

describe('orientationOnlyTiff', () => {
  it('writes a header and one IFD with only Orientation, no next IFD, in the byte order asked for', () => {
    expect(orientationOnlyTiff(6, false)).toEqual(tiff(false, [[0x0112, 3, 1, 6]]));
    expect(orientationOnlyTiff(8, true)).toEqual(tiff(true, [[0x0112, 3, 1, 8]]));
    expect(readOrientation(orientationOnlyTiff(3, true))).toBe(3);
  });
});

describe('isLittleEndianTiff and ifd0Tags', () => {
  it('only MM is big endian; anything else counts as little endian', () => {
    expect([[0x4d, 0x4d], [0x49, 0x49], [0x4d, 0x49], [0x49, 0x4d], []].map((b) => isLittleEndianTiff(new Uint8Array(b)))).toEqual([false, true, true, true, true]);
  });

  it('lists the tags of IFD0, and none for a block it cannot read', () => {
    expect(ifd0Tags(buildTiff({ ifd0: { 0x010f: { type: 'ascii', value: 'Cam' }, 0x0112: { type: 'short', value: [1] } } }))).toEqual([0x010f, 0x0112]);
    expect(ifd0Tags(new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 1, 0]))).toEqual([]);
    expect(ifd0Tags(new Uint8Array(4))).toEqual([]);
  });
});
