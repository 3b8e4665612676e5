import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { StripError } from '../../../src/imaging/strip-error';
import { stripTiff } from '../../../src/imaging/strip-tiff';
import { concatBytes } from '../../../src/imaging/bytes';
import { openTiff, readIfd } from '../../../src/imaging/tiff-ifd';
import { buildTiff, phoneExif, TINY_JPEG, type TiffValue } from './build-images';

const PIXELS = new Uint8Array(4 * 4).map((_, i) => i * 16);

function loadedTiff(littleEndian: boolean): Uint8Array {
  // Borrow the identifying tags of the phone EXIF, as a real 4×4 greyscale TIFF.
  const str = (value: string) => ({ type: 'ascii' as const, value });
  return buildTiff({
    littleEndian,
    ifd0: {
      256: { type: 'short', value: [4] },
      257: { type: 'short', value: [4] },
      258: { type: 'short', value: [8] },
      259: { type: 'short', value: [1] },
      262: { type: 'short', value: [1] },
      0x010e: str('rash on left arm, day 3'),
      0x010f: str('ExampleCam'),
      0x0112: { type: 'short', value: [8] },
      0x013b: str('Jane Sample'),
      277: { type: 'short', value: [1] },
      278: { type: 'short', value: [4] },
    },
    exif: { 0xa431: str('SN-00451234') },
    gps: {
      0x0001: str('N'),
      0x0002: { type: 'rational', value: [[35, 1], [39, 1], [3096, 100]] },
      0x0003: str('E'),
      0x0004: { type: 'rational', value: [[139, 1], [44, 1], [4344, 100]] },
    },
    thumbnail: TINY_JPEG,
    strip: PIXELS,
  });
}

describe('stripTiff', () => {
  it.each([false, true])('keeps pixels and orientation, removes tags, sub-IFDs and thumbnail (LE: %s)', async (le) => {
    const source = loadedTiff(le);
    expect((await exifr.parse(source, { gps: true })).latitude).toBeCloseTo(35.6586, 3);
    const stripped = stripTiff(source);
    expect(stripped.length).toBe(source.length); // cleaned in place
    const parsed = await exifr.parse(stripped, { tiff: true, ifd1: true, gps: true, mergeOutput: false, translateValues: false });
    expect(parsed.gps).toBeUndefined();
    expect(parsed.exif).toBeUndefined();
    expect(parsed.ifd1).toBeUndefined();
    expect(parsed.ifd0.Orientation).toBe(8);
    expect(parsed.ifd0.Make).toBeUndefined();
    expect(parsed.ifd0.ImageWidth).toBe(4);
    const offset = parsed.ifd0.StripOffsets as number;
    expect(stripped.subarray(offset, offset + PIXELS.length)).toEqual(PIXELS);
    const text = Buffer.from(stripped).toString('latin1');
    for (const secret of ['Jane', 'SN-0045', 'rash', 'ExampleCam']) expect(text).not.toContain(secret);
    expect(Buffer.from(stripped).indexOf(Buffer.from([0xff, 0xd8, 0xff]))).toBe(-1); // thumbnail bytes zeroed
  });

  it('throws a typed error when the structure cannot be read', () => {
    expect(() => stripTiff(new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0, 0]))).toThrow(StripError);
    expect(() => stripTiff(phoneExif().subarray(0, 12))).toThrow(StripError);
  });
});

describe('stripTiff: what must go and what must stay', () => {
  const str = (value: string) => ({ type: 'ascii' as const, value });
  /** Entries of the IFD at `offset`, by tag. */
  const ifdAt = (b: Uint8Array, offset: number) => {
    const t = openTiff(b)!;
    const ifd = readIfd(t, offset)!;
    return { ...ifd, t, get: (tag: number) => ifd.entries.find((e) => e.tag === tag)! };
  };
  const ifd0 = (b: Uint8Array) => ifdAt(b, openTiff(b)!.ifd0);
  const isZero = (b: Uint8Array, start: number, end: number): boolean => b.subarray(start, end).every((x) => x === 0);
  const same = (a: Uint8Array, b: Uint8Array, start: number, end: number): void => expect(a.subarray(start, end)).toEqual(b.subarray(start, end));

  function source(littleEndian = false): Uint8Array {
    return buildTiff({
      littleEndian,
      ifd0: {
        256: { type: 'short', value: [4] },
        257: { type: 'short', value: [4] },
        258: { type: 'short', value: [8, 8, 8] }, // 6 bytes: stored out of line
        262: { type: 'short', value: [2] },
        274: { type: 'short', value: [6] },
        282: { type: 'rational', value: [[72, 1]] },
        0x010e: str('rash on left arm'),
        0x013b: str('Jane Sample'),
        0x02bc: { type: 'undefined', value: new TextEncoder().encode('<x:xmpmeta>secret</x:xmpmeta>') },
      },
      exif: { 0xa431: str('SN-00451234'), 0x9003: str('2024:05:02 10:41:00') },
      gps: { 0x0001: str('N'), 0x0002: { type: 'rational', value: [[35, 1], [39, 1], [3096, 100]] } },
      thumbnail: TINY_JPEG,
      strip: PIXELS,
    });
  }

  it.each([false, true])('IFD0 keeps only the pixel tags, in order, with no next IFD; the freed slots are zeroed (LE: %s)', (le) => {
    const src = source(le);
    const before = ifd0(src);
    const out = stripTiff(src);
    const after = ifd0(out);
    expect(after.entries.map((e) => e.tag)).toEqual([256, 257, 258, 262, 273, 274, 279, 282]);
    expect(after.next).toBe(0);
    for (const e of after.entries) expect(out.subarray(e.at, e.at + 12)).toEqual(src.subarray(before.get(e.tag).at, before.get(e.tag).at + 12)); // copied as they were
    const oldEnd = before.entries.at(-1)!.at + 12 + 4;
    expect(isZero(out, after.entries.at(-1)!.at + 12 + 4, oldEnd)).toBe(true);
  });

  it('keeps the header, the pixel strip and the out-of-line values of kept tags byte for byte', () => {
    const src = source();
    const out = stripTiff(src);
    const k = ifd0(src);
    same(out, src, 0, 8);
    for (const tag of [258, 282]) same(out, src, k.get(tag).valueAt, k.get(tag).valueAt + k.get(tag).byteLength);
    const strip = k.t.u32(k.get(273).valueAt);
    same(out, src, strip, strip + PIXELS.length);
  });

  it('zeroes the values of dropped tags, the EXIF and GPS IFDs and their values, IFD1 and its thumbnail', () => {
    const src = source();
    const out = stripTiff(src);
    const k = ifd0(src);
    for (const tag of [0x010e, 0x013b, 0x02bc]) {
      const e = k.get(tag);
      expect(isZero(out, e.valueAt, e.valueAt + e.byteLength)).toBe(true);
    }
    for (const pointer of [0x8769, 0x8825]) {
      const sub = ifdAt(src, k.t.u32(k.get(pointer).valueAt));
      const at = k.t.u32(k.get(pointer).valueAt);
      expect(isZero(out, at, at + 2 + sub.entries.length * 12 + 4)).toBe(true);
      for (const e of sub.entries) expect(isZero(out, e.valueAt, e.valueAt + e.byteLength)).toBe(true);
    }
    const ifd1 = ifdAt(src, k.next);
    expect(isZero(out, k.next, k.next + 2 + ifd1.entries.length * 12 + 4)).toBe(true);
    const thumb = k.t.u32(ifd1.get(513).valueAt);
    expect(isZero(out, thumb, thumb + TINY_JPEG.length)).toBe(true);
  });

  it('changes nothing else, and leaves its input alone', () => {
    const src = source();
    const copy = src.slice();
    const out = stripTiff(src);
    expect(src).toEqual(copy);
    // Every byte that changed became zero, except in IFD0 (rewritten).
    const k = ifd0(src);
    const ifd0End = k.t.ifd0 + 2 + k.entries.length * 12 + 4;
    for (let i = 0; i < out.length; i++) if (i < k.t.ifd0 || i >= ifd0End) expect(out[i] === src[i] || out[i] === 0).toBe(true);
  });

  it('never zeroes bytes a kept range uses, whatever a dropped value or IFD claims', () => {
    const src = source();
    const k = ifd0(src);
    const strip = k.t.u32(k.get(273).valueAt);
    const dv = new DataView(src.buffer);
    dv.setUint32(k.get(0x013b).at + 8, strip); // Artist "sits" on the pixels
    dv.setUint32(k.get(0x010e).at + 8, 0); // ImageDescription "sits" on the header
    dv.setUint32(k.get(0x02bc).at + 8, k.get(258).valueAt + 4); // XMP overlaps BitsPerSample's last bytes (and the values after it)
    const out = stripTiff(src);
    same(out, src, 0, 8);
    same(out, src, strip, strip + PIXELS.length);
    same(out, src, k.get(258).valueAt, k.get(258).valueAt + 6);
  });

  it('an EXIF pointer back at IFD0, or an IFD chain that loops, ends without harm', () => {
    const src = source();
    const k = ifd0(src);
    const dv = new DataView(src.buffer);
    dv.setUint32(k.get(0x8769).valueAt, k.t.ifd0); // EXIF IFD "is" IFD0
    const ifd1 = k.next;
    dv.setUint32(ifd1 + 2 + ifdAt(src, ifd1).entries.length * 12, ifd1); // IFD1 links to itself
    const out = stripTiff(src);
    expect(ifd0(out).entries.map((e) => e.tag)).toEqual([256, 257, 258, 262, 273, 274, 279, 282]);
    expect(isZero(out, ifd1, ifd1 + 2)).toBe(true);
  });

  it('zeroes a second page, its strips and its own sub-IFDs', () => {
    const page2 = buildTiff({ ifd0: { 0x010f: str('PageCam'), 0x013b: str('Page Owner') }, exif: { 0xa431: str('SN-PAGE-2') }, strip: new Uint8Array(8).fill(0x77) });
    const src0 = source();
    const k = ifd0(src0);
    // Put page 2 (a whole TIFF, offsets moved by the length of the first) after the first and link IFD1 to it.
    const shift = src0.length;
    const moved = page2.slice();
    const t2 = openTiff(moved)!;
    const p2 = readIfd(t2, t2.ifd0)!;
    const dv2 = new DataView(moved.buffer);
    for (const e of p2.entries) if (e.byteLength > 4 || e.tag === 0x8769 || e.tag === 273) dv2.setUint32(e.at + 8, t2.u32(e.at + 8) + shift);
    const exif2 = readIfd(t2, t2.u32(p2.entries.find((e) => e.tag === 0x8769)!.at + 8) - shift)!;
    for (const e of exif2.entries) if (e.byteLength > 4) dv2.setUint32(e.at + 8, t2.u32(e.at + 8) + shift);
    const src = concatBytes([src0, moved]);
    const ifd1 = ifdAt(src, k.next);
    new DataView(src.buffer).setUint32(k.next + 2 + ifd1.entries.length * 12, shift + t2.ifd0);
    const out = stripTiff(src);
    const text = Buffer.from(out).toString('latin1');
    for (const secret of ['PageCam', 'Page Owner', 'SN-PAGE-2', 'Jane', 'rash']) expect(text).not.toContain(secret);
    expect(Buffer.from(out).indexOf(Buffer.from(new Uint8Array(8).fill(0x77)))).toBe(-1);
  });

  it('a very long chain of IFDs is cleaned (it overflowed the stack: a RangeError instead of a copy or a StripError)', () => {
    const n = 30_000;
    const b = new Uint8Array(8 + 18 + n * 18);
    const dv = new DataView(b.buffer);
    b.set([0x4d, 0x4d]);
    dv.setUint16(2, 42);
    dv.setUint32(4, 8);
    dv.setUint16(8, 1); // IFD0: ImageWidth only
    dv.setUint16(10, 256);
    dv.setUint16(12, 3);
    dv.setUint32(14, 1);
    dv.setUint16(18, 4);
    dv.setUint32(22, 26);
    for (let i = 0; i < n; i++) {
      const at = 26 + i * 18; // one entry: a 4-byte Make, "Cam"
      dv.setUint16(at, 1);
      dv.setUint16(at + 2, 0x010f);
      dv.setUint16(at + 4, 2);
      dv.setUint32(at + 6, 4);
      b.set([0x43, 0x61, 0x6d, 0], at + 10);
      dv.setUint32(at + 14, i + 1 < n ? at + 18 : 0);
    }
    const out = stripTiff(b);
    expect(isZero(out, 26, out.length)).toBe(true);
    expect(ifd0(out).entries.map((e) => e.tag)).toEqual([256]);
  });

  /** `b` with `extra` appended; returns the new bytes and where `extra` starts. */
  const append = (b: Uint8Array, extra: Uint8Array): [Uint8Array, number] => [concatBytes([b, extra]), b.length];
  /** An IFD of one ASCII entry, "R98", at `at` (offsets are absolute). */
  const oneEntryIfd = (le = false): Uint8Array => {
    const ifd = new Uint8Array(18);
    const dv = new DataView(ifd.buffer);
    dv.setUint16(0, 1, le);
    dv.setUint16(2, 0x0001, le);
    dv.setUint16(4, 2, le);
    dv.setUint32(6, 4, le);
    ifd.set([0x52, 0x39, 0x38, 0], 10);
    return ifd;
  };

  it('a dropped value right before or right after the pixels is zeroed to the byte: only real overlaps are spared', () => {
    const [withPixels, pixelsAt] = append(source(), concatBytes([new Uint8Array(12).fill(0xaa), PIXELS, new Uint8Array(17).fill(0xbb)]));
    const k = ifd0(withPixels);
    const dv = new DataView(withPixels.buffer);
    dv.setUint32(k.get(273).valueAt, pixelsAt + 12); // the strip now sits between the two runs
    dv.setUint32(k.get(0x013b).at + 8, pixelsAt); // Artist (12 bytes) ends where the pixels start
    dv.setUint32(k.get(0x010e).at + 8, pixelsAt + 12 + PIXELS.length); // ImageDescription (17) starts where they end
    const out = stripTiff(withPixels);
    expect(isZero(out, pixelsAt, pixelsAt + 12)).toBe(true);
    same(out, withPixels, pixelsAt + 12, pixelsAt + 12 + PIXELS.length);
    expect(isZero(out, pixelsAt + 12 + PIXELS.length, out.length)).toBe(true);
  });

  it('follows EXIF pointers of type LONG or IFD (13), and an Interop IFD inside EXIF', () => {
    for (const type of [4, 13]) {
      const [b, interopAt] = append(source(), oneEntryIfd());
      const k = ifd0(b);
      const dv = new DataView(b.buffer);
      dv.setUint16(k.get(0x8769).at + 2, type);
      // Turn the EXIF block's first entry into an Interop pointer at the appended IFD.
      const exifAt = k.t.u32(k.get(0x8769).valueAt);
      const exif = ifdAt(b, exifAt);
      dv.setUint16(exif.entries[0]!.at, 0xa005);
      dv.setUint16(exif.entries[0]!.at + 2, 4);
      dv.setUint32(exif.entries[0]!.at + 4, 1);
      dv.setUint32(exif.entries[0]!.at + 8, interopAt);
      const out = stripTiff(b);
      expect(isZero(out, exifAt, exifAt + 2 + exif.entries.length * 12 + 4)).toBe(true);
      expect(isZero(out, interopAt, out.length)).toBe(true);
    }
  });

  it('keeps tiles of IFD0 and SHORT strip offsets, zeroes the tiles of a later IFD', () => {
    const tile = new Uint8Array(16).fill(0x5a);
    const withTiles = buildTiff({
      ifd0: { 256: { type: 'short', value: [4] }, 257: { type: 'short', value: [4] }, 324: { type: 'long', value: [0] }, 325: { type: 'long', value: [16] }, 0x013b: str('Jane Sample') },
    });
    const [b, tileAt] = append(withTiles, tile);
    new DataView(b.buffer).setUint32(ifd0(b).get(324).valueAt, tileAt);
    new DataView(b.buffer).setUint32(ifd0(b).get(0x013b).at + 8, tileAt); // Artist claims the tile's bytes
    same(stripTiff(b), b, tileAt, tileAt + 16);
    // SHORT strip offsets
    const shortStrip = buildTiff({ ifd0: { 256: { type: 'short', value: [4] }, 273: { type: 'short', value: [0] }, 279: { type: 'short', value: [16] }, 0x013b: str('Jane Sample') } });
    const [c, stripAt] = append(shortStrip, PIXELS);
    new DataView(c.buffer).setUint16(ifd0(c).get(273).valueAt, stripAt);
    new DataView(c.buffer).setUint32(ifd0(c).get(0x013b).at + 8, stripAt); // Artist claims the strip's bytes
    same(stripTiff(c), c, stripAt, stripAt + 16);
    // Tiles of IFD1 go: point the thumbnail IFD's JPEG tags' numbers at tiles instead.
    const src = source();
    const k = ifd0(src);
    const ifd1 = ifdAt(src, k.next);
    const dv = new DataView(src.buffer);
    dv.setUint16(ifd1.get(513).at, 324);
    dv.setUint16(ifd1.get(514).at, 325);
    const thumb = k.t.u32(ifd1.get(513).valueAt);
    expect(isZero(stripTiff(src), thumb, thumb + TINY_JPEG.length)).toBe(true);
  });

  it('strip offsets without as many lengths keep nothing extra (a missing length is 0)', () => {
    const b = buildTiff({ ifd0: { 256: { type: 'short', value: [4] }, 273: { type: 'long', value: [0, 0] }, 279: { type: 'long', value: [16] }, 0x013b: str('Jane Sample') } });
    const k = ifd0(b);
    const dv = new DataView(b.buffer);
    const artist = k.get(0x013b).valueAt;
    const offsets = k.get(273).valueAt; // out of line: two LONGs
    dv.setUint32(offsets, b.length); // first strip: past the end (nothing)
    dv.setUint32(offsets + 4, artist); // second strip, with no length, on Artist
    const out = stripTiff(b);
    expect(isZero(out, artist, artist + 12)).toBe(true);
  });

  it('a dropped value inside the 8-byte header leaves the header alone', () => {
    const b = buildTiff({ ifd0: { 256: { type: 'short', value: [4] }, 0x010f: str('ExCam12') } });
    const k = ifd0(b);
    new DataView(b.buffer).setUint32(k.get(0x010f).at + 8, 0);
    same(stripTiff(b), b, 0, 8);
  });

  it('every strip of IFD0 is kept, LONG or SHORT, not only the first', () => {
    for (const type of ['long', 'short'] as const) {
      const b0 = buildTiff({ ifd0: { 256: { type: 'short', value: [4] }, 273: { type, value: [0, 0, 0] }, 279: { type, value: [16, 16, 16] }, 0x013b: str('Jane Sample') } });
      const [b, at] = append(b0, concatBytes([PIXELS, PIXELS, PIXELS]));
      const k = ifd0(b);
      const dv = new DataView(b.buffer);
      const size = type === 'long' ? 4 : 2;
      for (let i = 0; i < 3; i++) (size === 4 ? dv.setUint32.bind(dv) : dv.setUint16.bind(dv))(k.get(273).valueAt + i * size, at + i * 16);
      dv.setUint32(k.get(0x013b).at + 8, at + 32); // Artist claims the third strip
      same(stripTiff(b), b, at, at + 48);
    }
  });

  it('an offsets tag without its lengths tag (or the reverse) keeps nothing and does not throw', () => {
    const halves: Array<Record<number, TiffValue>> = [{ 273: { type: 'long', value: [8] } }, { 279: { type: 'long', value: [8] } }];
    for (const tags of halves) {
      const b = buildTiff({ ifd0: { 256: { type: 'short', value: [4] }, ...tags, 0x013b: str('Jane Sample') } });
      expect(Buffer.from(stripTiff(b)).toString('latin1')).not.toContain('Jane');
    }
  });

  it('an EXIF pointer past the end of the file is skipped', () => {
    const src = source();
    const k = ifd0(src);
    new DataView(src.buffer).setUint32(k.get(0x8769).valueAt, src.length + 64);
    expect(ifd0(stripTiff(src)).entries.map((e) => e.tag)).toEqual([256, 257, 258, 262, 273, 274, 279, 282]);
  });

  it('sub-IFDs are followed 4 levels deep, and hostile nesting (20,000 levels) ends without overflowing the stack', () => {
    const nested = (levels: number): { b: Uint8Array; first: number } => {
      // IFD0: ImageWidth and a SubIFDs pointer at level 1; each level: Make "Cam" and a pointer to the next.
      const base = buildTiff({ ifd0: { 256: { type: 'short', value: [4] }, 330: { type: 'long', value: [0] } } });
      const first = base.length;
      const levelBytes = new Uint8Array(levels * 30);
      const dv = new DataView(levelBytes.buffer);
      for (let i = 0; i < levels; i++) {
        const at = i * 30;
        dv.setUint16(at, 2);
        dv.setUint16(at + 2, 0x010f);
        dv.setUint16(at + 4, 2);
        dv.setUint32(at + 6, 4);
        levelBytes.set([0x43, 0x61, 0x6d, 0], at + 10);
        dv.setUint16(at + 14, 0x014a);
        dv.setUint16(at + 16, 4);
        dv.setUint32(at + 18, 1);
        dv.setUint32(at + 22, i + 1 < levels ? first + at + 30 : 0);
      }
      const b = concatBytes([base, levelBytes]);
      new DataView(b.buffer).setUint32(ifd0(b).get(330).valueAt, first);
      return { b, first };
    };
    const four = nested(4);
    expect(isZero(stripTiff(four.b), four.first, four.b.length)).toBe(true);
    const deep = nested(20_000);
    const out = stripTiff(deep.b);
    expect(isZero(out, deep.first, deep.first + 4 * 30)).toBe(true);
  });

  it('refuses a TIFF whose IFD0 cannot be read', () => {
    expect(() => stripTiff(new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 5]))).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => stripTiff(new TextEncoder().encode('not a tiff at all'))).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
});
