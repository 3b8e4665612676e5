import { describe, expect, it } from 'vitest';
import * as UTIF from 'utif2';
import { isDng, tiffPicture } from '../../../src/imaging/tiff-picture';
import { uprightTransform } from '../../../src/imaging/orientation';
import { claimedSize, checkDecodable } from '../../../src/engines/decode/decode-image';
import { buildPixelTiff, DNG_VERSION_TAG, samplesFromRgba, type TiffPage } from '../../support/tiff-builder';
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
