import { describe, expect, it } from 'vitest';
import * as UTIF from 'utif2';
import { dngPreviewTooSmall, isDng, MIN_PREVIEW_SIDE, tiffPicture } from '../../../src/imaging/tiff-picture';
import { SaidError } from '../../../src/common/said';
import { uprightTransform } from '../../../src/imaging/orientation';
import { claimedSize, checkDecodable } from '../../../src/engines/decode/decode-image';
import { buildPixelTiff, DNG_VERSION_TAG, samplesFromRgba, type TiffPage } from '../../support/tiff-builder';
import { concatBytes } from '../../../src/imaging/bytes';
import { TINY_JPEG } from './build-images';

/** A 37×23 RGBA test card: a gradient with one red pixel at (5, 3). */
function testCard(w = 37, h = 23): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      rgba.set([(x * 7) & 0xff, (y * 11) & 0xff, 90, 255], i);
    }
  }
  rgba.set([255, 0, 0, 255], (3 * w + 5) * 4);
  return rgba;
}

/** Decodes page `index` the way the worker does (UTIF, then RGBA). */
function utifRgba(file: Uint8Array, index = 0): { width: number; height: number; rgba: Uint8Array } {
  const buffer = file.slice().buffer;
  const ifds = UTIF.decode(buffer);
  const page = ifds[index]!;
  UTIF.decodeImage(buffer, page);
  return { width: page.width, height: page.height, rgba: UTIF.toRGBA8(page) };
}

describe('the TIFF decoder (utif2) on files made here', () => {
  const rgba = testCard();
  it.each<[string, Partial<TiffPage>, boolean]>([
    ['uncompressed RGB strips', { compression: 1, rowsPerStrip: 5 }, true],
    ['Deflate RGB, big-endian', { compression: 8 }, false],
    ['PackBits RGB', { compression: 32773, rowsPerStrip: 4 }, true],
    ['Deflate RGB tiles', { compression: 8, tile: 16 }, true],
    ['16-bit RGB', { compression: 8, bitsPerSample: 16 }, true],
  ])('decodes %s to the same pixels', (_name, page, le) => {
    const spp = 3;
    const bits = page.bitsPerSample ?? 8;
    const file = buildPixelTiff([{ width: 37, height: 23, samplesPerPixel: spp, samples: samplesFromRgba(rgba, spp, bits, le), ...page }], le);
    const out = utifRgba(file);
    expect([out.width, out.height]).toEqual([37, 23]);
    expect(Array.from(out.rgba.subarray((3 * 37 + 5) * 4, (3 * 37 + 5) * 4 + 4))).toEqual([255, 0, 0, 255]);
    let diff = 0;
    for (let i = 0; i < rgba.length; i++) diff = Math.max(diff, Math.abs(out.rgba[i]! - rgba[i]!));
    expect(diff).toBeLessThanOrEqual(1);
  });

  it('decodes a grey page', () => {
    const file = buildPixelTiff([{ width: 37, height: 23, samplesPerPixel: 1, samples: samplesFromRgba(rgba, 1), compression: 8 }]);
    const out = utifRgba(file);
    const i = (3 * 37 + 5) * 4;
    expect(out.rgba[i]).toBe(85); // (255 + 0 + 0) / 3
    expect(out.rgba[i]).toBe(out.rgba[i + 2]);
  });
});

describe('tiffPicture', () => {
  const page = (w: number, h: number, tags: TiffPage['tags'] = {}): TiffPage => ({ width: w, height: h, samplesPerPixel: 3, tags });

  it('takes the first full page of a TIFF and counts the pages, skipping a thumbnail', () => {
    const file = buildPixelTiff([
      page(8, 6, { 254: { type: 4, values: [1] } }), // reduced resolution: a thumbnail first
      page(40, 30, { 274: { type: 3, values: [1] } }),
      page(40, 30),
    ]);
    expect(tiffPicture(file)).toMatchObject({ kind: 'page', index: 1, width: 40, height: 30, pages: 2 });
    expect(isDng(file)).toBe(false);
  });

  it('reads the orientation from IFD0', () => {
    const file = buildPixelTiff([page(40, 30, { 274: { type: 3, values: [6] } })], false);
    expect(tiffPicture(file)).toMatchObject({ kind: 'page', orientation: 6 });
  });

  it("takes a DNG's largest JPEG preview, not its thumbnail or its raw data", () => {
    const preview = TINY_JPEG;
    const file = buildPixelTiff([
      {
        ...page(16, 12, { ...DNG_VERSION_TAG, 254: { type: 4, values: [1] }, 274: { type: 3, values: [8] } }),
        subIfds: [
          // Raw sensor data (CFA), Compression 7 like a lossless-JPEG raw: never a preview.
          { width: 400, height: 300, jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xc3, 0, 0]), tags: { 262: { type: 3, values: [32803] } } },
          { width: 200, height: 150, jpeg: preview, tags: { 254: { type: 4, values: [1] } } },
        ],
      },
    ]);
    expect(isDng(file)).toBe(true);
    const picture = tiffPicture(file);
    expect(picture).toMatchObject({ kind: 'jpeg', width: 200, height: 150, orientation: 8 });
    if (picture?.kind !== 'jpeg') throw new Error('no preview');
    expect(Array.from(file.subarray(picture.start, picture.end))).toEqual(Array.from(preview));
    // The decoder's bomb guard looks at the picture that is decoded.
    expect(claimedSize(file, 'tiff')).toEqual({ width: 200, height: 150 });
  });

  it('falls back to the IFD0 picture of a DNG without a JPEG preview', () => {
    const file = buildPixelTiff([page(16, 12, DNG_VERSION_TAG)]);
    expect(tiffPicture(file)).toMatchObject({ kind: 'page', index: 0, width: 16, height: 12 });
  });

  it('refuses a page past the decode limit even when IFD0 is a small thumbnail', () => {
    const file = buildPixelTiff([page(8, 6, { 254: { type: 4, values: [1] } }), { width: 20_000, height: 20_000, samplesPerPixel: 1, samples: new Uint8Array(1), rowsPerStrip: 20_000 }]);
    expect(() => checkDecodable(file, 'tiff')).toThrow();
  });

  it('never throws on garbage', () => {
    for (const b of [new Uint8Array(0), new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0xff, 0x7f]), new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0xff, 0xff])]) {
      expect(() => tiffPicture(b)).not.toThrow();
    }
  });
});

describe('uprightTransform', () => {
  // The stored picture is 4×2; where does its pixel (1, 0) (centre at 1.5, 0.5) show?
  const apply = (o: number): [number, number, number, number] => {
    const { width, height, matrix: [a, b, c, d, e, f] } = uprightTransform(o, 4, 2);
    const [x, y] = [1.5, 0.5];
    return [width, height, a * x + c * y + e, b * x + d * y + f];
  };
  it.each<[number, [number, number, number, number]]>([
    [1, [4, 2, 1.5, 0.5]],
    [2, [4, 2, 2.5, 0.5]], // mirrored
    [3, [4, 2, 2.5, 1.5]], // turned 180°
    [4, [4, 2, 1.5, 1.5]], // flipped
    [5, [2, 4, 0.5, 1.5]], // transposed
    [6, [2, 4, 1.5, 1.5]], // turned 90° clockwise: the top row becomes the right column
    [7, [2, 4, 1.5, 2.5]], // transverse
    [8, [2, 4, 0.5, 2.5]], // turned 90° anticlockwise: the top row becomes the left column
  ])('orientation %i', (o, expected) => {
    expect(apply(o)).toEqual(expected);
  });
});

describe('tiffPicture: which picture, its size, orientation and page count', () => {
  const page = (w: number, h: number, tags: TiffPage['tags'] = {}): TiffPage => ({ width: w, height: h, samplesPerPixel: 1, tags });
  const thumb = { 254: { type: 4 as const, values: [1] } };
  const short = (v: number) => ({ type: 3 as const, values: [v] });
  const dng = (subIfds: TiffPage[], ifd0Tags: TiffPage['tags'] = {}): Uint8Array =>
    buildPixelTiff([{ ...page(16, 12, { ...DNG_VERSION_TAG, ...thumb, ...ifd0Tags }), subIfds }]);
  const preview = (w: number, h: number, jpeg: Uint8Array = TINY_JPEG, tags: TiffPage['tags'] = {}): TiffPage => ({ width: w, height: h, jpeg, tags });

  it('a single page: index 0, its size, one page, upright by default', () => {
    expect(tiffPicture(buildPixelTiff([page(40, 30)]))).toEqual({ kind: 'page', index: 0, width: 40, height: 30, orientation: 1, pages: 1 });
  });

  it('orientation 1 to 8 from IFD0 counts, anything else is upright', () => {
    for (const [o, expected] of [[1, 1], [8, 8], [0, 1], [9, 1]] as const) {
      expect(tiffPicture(buildPixelTiff([page(4, 4, { 274: short(o) })]))?.orientation).toBe(expected);
    }
    // IFD0's, not the page's: here IFD0 is a thumbnail.
    expect(tiffPicture(buildPixelTiff([page(4, 4, { ...thumb, 274: short(3) }), page(40, 30, { 274: short(6) })]))).toMatchObject({ index: 1, orientation: 3 });
  });

  it('only bit 0 of NewSubfileType marks a reduced copy (bit 1, "one page of many", is a full page)', () => {
    const file = buildPixelTiff([page(40, 30, { 254: { type: 4, values: [2] } }), page(40, 30, { 254: { type: 4, values: [3] } }), page(40, 30)]);
    expect(tiffPicture(file)).toMatchObject({ index: 0, pages: 2 });
  });

  it('with only reduced copies, IFD0 is the picture and counts as one page', () => {
    expect(tiffPicture(buildPixelTiff([page(8, 6, thumb), page(4, 3, thumb)]))).toEqual({ kind: 'page', index: 0, width: 8, height: 6, orientation: 1, pages: 1 });
  });

  it('no picture without a width and a height', () => {
    expect(tiffPicture(buildPixelTiff([page(0, 30)]))).toBeUndefined();
    expect(tiffPicture(buildPixelTiff([page(40, 0)]))).toBeUndefined();
  });

  it('a JPEG-compressed page of a plain TIFF (not a DNG) is a page, not a preview', () => {
    expect(tiffPicture(buildPixelTiff([{ width: 200, height: 150, jpeg: TINY_JPEG }]))).toMatchObject({ kind: 'page', width: 200, height: 150 });
  });

  it('sizes and orientation stored with a type that holds no numbers are not read', () => {
    expect(tiffPicture(buildPixelTiff([page(40, 30, { 274: { type: 7, bytes: new Uint8Array([6, 0, 0, 0]) } })]))?.orientation).toBe(1);
    expect(tiffPicture(buildPixelTiff([page(40, 30, { 256: { type: 7, bytes: new Uint8Array([40, 0, 0, 0]) } })]))).toBeUndefined();
  });

  it('a page chain that points past the end stops there', () => {
    const two = buildPixelTiff([page(40, 30), page(40, 30)]);
    new DataView(two.buffer).setUint32(readPages(two)[1]!.nextAt, two.length + 100, true);
    expect(tiffPicture(two)).toMatchObject({ pages: 2 });
  });

  it('a page chain that loops back is counted once per page, and at most 64 pages', () => {
    const two = buildPixelTiff([page(40, 30), page(40, 30)]);
    const t = readPages(two);
    new DataView(two.buffer).setUint32(t[1]!.nextAt, t[0]!.at, true); // page 2 links back to page 1
    expect(tiffPicture(two)).toMatchObject({ pages: 2 });
    expect(tiffPicture(buildPixelTiff(Array.from({ length: 70 }, () => page(2, 2))))).toMatchObject({ index: 0, pages: 64 });
  });

  it("a DNG's preview may be old-style JPEG (Compression 6) or new (7), but not raw data (CFA or linear raw) or uncompressed", () => {
    expect(tiffPicture(dng([preview(200, 150, TINY_JPEG, { 259: short(6) })]))).toMatchObject({ kind: 'jpeg', width: 200, height: 150 });
    expect(tiffPicture(dng([preview(200, 150)]))).toMatchObject({ kind: 'jpeg', width: 200, height: 150 });
    for (const tags of [{ 262: short(34892) }, { 262: short(32803) }, { 259: short(1) }, { 259: short(8) }] as Array<TiffPage['tags']>) {
      expect(tiffPicture(dng([preview(200, 150, TINY_JPEG, tags)]))).toMatchObject({ kind: 'page', width: 16, height: 12 });
    }
  });

  it('a preview must start like a JPEG and fit in the file', () => {
    for (const at of [0, 1, 2]) {
      const notJpeg = TINY_JPEG.slice();
      notJpeg[at] = 0x00;
      expect(tiffPicture(dng([preview(200, 150, notJpeg)]))?.kind).toBe('page');
    }
    const file = dng([preview(200, 150)]);
    const sub = readPages(file)[0]!;
    const strips = readTag(file, sub.subIfds[0]!, 279);
    new DataView(file.buffer).setUint32(strips, file.length, true); // claims more bytes than the file has
    expect(tiffPicture(file)?.kind).toBe('page');
    new DataView(file.buffer).setUint32(strips, 0, true);
    expect(tiffPicture(file)?.kind).toBe('page');
  });

  it('the largest preview wins: by pixel area, or by byte length when a size is 0', () => {
    const big = concatBytes([TINY_JPEG, new Uint8Array(100)]);
    const pic = tiffPicture(dng([preview(100, 100), preview(300, 200), preview(250, 150)]));
    expect(pic).toMatchObject({ kind: 'jpeg', width: 300, height: 200 });
    expect(tiffPicture(dng([preview(300, 200), preview(200, 300)]))).toMatchObject({ width: 300, height: 200 }); // same area: the first
    expect(tiffPicture(dng([preview(10, 10), preview(0, 150, big)]))).toMatchObject({ width: 0, height: 150 }); // 0 wide: its bytes count
    const bySize = tiffPicture(dng([preview(0, 0), preview(0, 0, big), preview(0, 0)]));
    expect(bySize).toMatchObject({ kind: 'jpeg', width: 0, height: 0 });
    if (bySize?.kind !== 'jpeg') throw new Error('no preview');
    expect(bySize.end - bySize.start).toBe(big.length);
  });

  it('a preview stored as JPEGInterchangeFormat (513/514) is found, with the orientation of IFD0', () => {
    const make = (offset: number): Uint8Array =>
      dng([{ ...page(320, 240, { 259: short(7), 262: short(6), 513: { type: 4, values: [offset] }, 514: { type: 4, values: [TINY_JPEG.length] } }) }], { 274: short(6) });
    const first = make(0);
    const file = concatBytes([make(first.length), TINY_JPEG]);
    expect(tiffPicture(file)).toEqual({ kind: 'jpeg', start: first.length, end: file.length, width: 320, height: 240, orientation: 6 });
  });

  it('a preview in contiguous strips is one stream; strips with a gap are not a preview', () => {
    const halves = (gap: number): Uint8Array => {
      const file = dng([preview(200, 150, concatBytes([TINY_JPEG, TINY_JPEG]))]);
      const sub = readPages(file)[0]!.subIfds[0]!;
      const offAt = readTag(file, sub, 273);
      const lenAt = readTag(file, sub, 279);
      // Turn the one strip into two entries (count 2) pointing at values written at the end.
      const dv = new DataView(file.buffer);
      const start = dv.getUint32(offAt, true);
      const extra = new Uint8Array(16);
      const ev = new DataView(extra.buffer);
      ev.setUint32(0, start, true);
      ev.setUint32(4, start + TINY_JPEG.length + gap, true);
      ev.setUint32(8, TINY_JPEG.length, true);
      ev.setUint32(12, TINY_JPEG.length - gap, true);
      dv.setUint32(offAt - 4, 2, true);
      dv.setUint32(offAt, file.length, true);
      dv.setUint32(lenAt - 4, 2, true);
      dv.setUint32(lenAt, file.length + 8, true);
      return concatBytes([file, extra]);
    };
    const joined = tiffPicture(halves(0));
    expect(joined).toMatchObject({ kind: 'jpeg' });
    if (joined?.kind !== 'jpeg') throw new Error('no preview');
    expect(joined.end - joined.start).toBe(2 * TINY_JPEG.length);
    expect(tiffPicture(halves(2))?.kind).toBe('page');
  });
});

/** IFD offsets of the main chain (little endian files of buildPixelTiff), with where each stores its next offset and SubIFDs. */
function readPages(b: Uint8Array): Array<{ at: number; nextAt: number; subIfds: number[] }> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Array<{ at: number; nextAt: number; subIfds: number[] }> = [];
  for (let at = dv.getUint32(4, true); at !== 0 && out.length < 100; ) {
    const n = dv.getUint16(at, true);
    const nextAt = at + 2 + n * 12;
    const subAt = readTag(b, at, 330);
    const subIfds: number[] = [];
    if (subAt >= 0) {
      const count = dv.getUint32(subAt - 4, true);
      const values = count > 1 ? dv.getUint32(subAt, true) : subAt;
      for (let i = 0; i < count; i++) subIfds.push(dv.getUint32(values + i * 4, true));
    }
    out.push({ at, nextAt, subIfds });
    at = dv.getUint32(nextAt, true);
  }
  return out;
}

/** Offset of the value field of `tag` in the IFD at `ifd` (-1 when absent). */
function readTag(b: Uint8Array, ifd: number, tag: number): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = dv.getUint16(ifd, true);
  for (let i = 0; i < n; i++) if (dv.getUint16(ifd + 2 + i * 12, true) === tag) return ifd + 2 + i * 12 + 8;
  return -1;
}

describe('dngPreviewTooSmall: a camera RAW whose only picture is a thumbnail', () => {
  const page = (w: number, h: number, tags: TiffPage['tags'] = {}): TiffPage => ({ width: w, height: h, samplesPerPixel: 1, tags });
  const thumb = { 254: { type: 4 as const, values: [1] } };
  const cfa = { 262: { type: 3 as const, values: [32803] } };
  const rawPage = (w: number, h: number, tags: TiffPage['tags'] = cfa): TiffPage => ({ ...page(w, h, tags), samples: new Uint8Array(1), rowsPerStrip: h });
  const dng = (ifd0: [number, number], subIfds: TiffPage[]): Uint8Array => buildPixelTiff([{ ...page(ifd0[0], ifd0[1], { ...DNG_VERSION_TAG, ...thumb }), subIfds }]);
  const jpegPreview = (w: number, h: number): TiffPage => ({ width: w, height: h, jpeg: TINY_JPEG, tags: {} });

  it('an 8 × 8 thumbnail of a 3516 × 2328 raw (exiftool\'s test DNG) is too small, and the checks refuse it in words', () => {
    const file = dng([8, 8], [rawPage(3516, 2328)]);
    expect(dngPreviewTooSmall(file)).toEqual({ picture: [8, 8], raw: [3516, 2328] });
    try {
      checkDecodable(file, 'tiff');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SaidError);
      expect((error as SaidError).said).toEqual({ key: 'decodeRawThumbnailOnly', subs: ['3516', '2328'] });
    }
  });

  it('a preview of a quarter of the raw, or of the least side, is enough; so is a DNG with no raw size', () => {
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(3516, 2328), jpegPreview(879, 582)]))).toBeUndefined();
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(3516, 2328), jpegPreview(878, 582)]))).toEqual({ picture: [878, 582], raw: [3516, 2328] });
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(8000, 6000), jpegPreview(MIN_PREVIEW_SIDE, 768)]))).toBeUndefined();
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(8000, 6000), jpegPreview(MIN_PREVIEW_SIDE - 1, 768)]))).toMatchObject({ raw: [8000, 6000] });
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(3516, 2328, {})]))).toBeUndefined();
  });

  it('linear raw counts as raw, the largest raw is the one compared, and a plain TIFF is never judged', () => {
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(400, 300, { 262: { type: 3, values: [34892] } })]))).toMatchObject({ raw: [400, 300] });
    expect(dngPreviewTooSmall(dng([8, 8], [rawPage(100, 80), rawPage(3516, 2328), rawPage(200, 150)]))).toMatchObject({ raw: [3516, 2328] });
    expect(dngPreviewTooSmall(buildPixelTiff([page(8, 8), rawPage(3516, 2328, { ...cfa, ...thumb })]))).toBeUndefined();
    expect(dngPreviewTooSmall(new Uint8Array([1, 2, 3]))).toBeUndefined();
    // No picture to show at all (IFD0 without a size): not this refusal; decoding says what is wrong.
    expect(dngPreviewTooSmall(dng([0, 8], [rawPage(3516, 2328)]))).toBeUndefined();
  });
});
