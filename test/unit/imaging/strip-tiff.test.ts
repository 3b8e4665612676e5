import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { StripError } from '../../../src/imaging/strip-error';
import { stripTiff } from '../../../src/imaging/strip-tiff';
import { buildTiff, phoneExif, TINY_JPEG } from './build-images';

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
