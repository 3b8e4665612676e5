import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/imaging/bytes';
import { extractIccProfile } from '../../../src/imaging/icc-profile';
import { walkJpeg } from '../../../src/imaging/jpeg-segments';
import { StripError } from '../../../src/imaging/strip-error';
import { stripJpeg } from '../../../src/imaging/strip-jpeg';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import {
  app13Photoshop, app1Exif, app1Xmp, buildTiff, comment, fakeIccProfile, iccSegments, jpegImageData, jpegSegment, mpfSegment,
  phoneExif, PROGRESSIVE_JPEG, TINY_JPEG, withSegments, xmpPacket,
} from './build-images';

const fields = async (b: Uint8Array): Promise<string[]> => (await readMetadata(b, 'jpeg')).findings.map((f) => f.field!).sort();

/** A JPEG with every kind of hidden data the stripper must remove. */
function loadedJpeg(orientation = 6, littleEndian = false): Uint8Array {
  const second = TINY_JPEG;
  const before = [
    app1Exif(phoneExif({ orientation, littleEndian })),
    app1Xmp(xmpPacket('dc:creator="Jane Sample" exif:GPSLatitude="35,39.516N" exif:GPSLongitude="139,44.724E"')),
    ...iccSegments(fakeIccProfile(3000)),
    app13Photoshop(),
    comment('patient 4711'),
    jpegSegment(0xeb, new TextEncoder().encode('JP\0\0private')), // APP11 (JUMBF-like)
  ];
  const rest = TINY_JPEG.subarray(20); // after SOI + JFIF
  const mpf = mpfSegment(rest.length, second);
  const main = withSegments(TINY_JPEG, [...before, mpf]);
  return concatBytes([main, second, new TextEncoder().encode('SEFH trailing secrets')]);
}

describe('stripJpeg', () => {
  it('finds every planted kind of hidden data before stripping', async () => {
    expect(await fields(loadedJpeg())).toEqual(
      ['datetime', 'description', 'device', 'gps', 'owner', 'place-name', 'preview', 'secondary-image', 'serial',
        'software', 'thumbnail', 'trailing-data', 'unique-id'].sort(),
    );
  });

  it('removes EXIF, XMP, IPTC, comments, previews, MPF images and trailers', async () => {
    const stripped = stripJpeg(loadedJpeg());
    const parsed = await exifr.parse(stripped, { tiff: true, xmp: true, iptc: true, ifd1: true, mergeOutput: false });
    expect(parsed?.gps).toBeUndefined();
    expect(parsed?.exif).toBeUndefined();
    expect(parsed?.ifd1).toBeUndefined();
    expect(parsed?.iptc).toBeUndefined();
    expect(parsed?.dc).toBeUndefined();
    expect(await exifr.thumbnail(stripped)).toBeUndefined();
    expect(await fields(stripped)).toEqual([]);
    const text = Buffer.from(stripped).toString('latin1');
    for (const secret of ['Jane', 'SN-0045', 'patient', 'SEFH', 'MPF', 'Photoshop', 'private']) expect(text).not.toContain(secret);
  });

  it('keeps the compressed picture byte for byte and ends at the first EOI', () => {
    const stripped = stripJpeg(loadedJpeg());
    expect(jpegImageData(stripped)).toEqual(jpegImageData(TINY_JPEG));
    expect(stripped.subarray(-2)).toEqual(new Uint8Array([0xff, 0xd9]));
  });

  it('keeps JFIF and the ICC profile', () => {
    const stripped = stripJpeg(loadedJpeg());
    expect(Buffer.from(stripped.subarray(6, 11)).toString('latin1')).toBe('JFIF\0');
    expect(extractIccProfile(stripped, 'jpeg')?.data).toEqual(fakeIccProfile(3000));
  });

  it.each([
    [6, false],
    [8, true],
  ])('keeps orientation %i as a minimal EXIF block (little endian: %s)', async (orientation, le) => {
    const stripped = stripJpeg(loadedJpeg(orientation, le));
    expect(await exifr.orientation(stripped)).toBe(orientation);
    const app1 = walkJpeg(stripped).segments.filter((s) => s.marker === 0xe1);
    expect(app1).toHaveLength(1);
    expect(app1[0]!.end - app1[0]!.start).toBe(4 + 6 + 26); // header, "Exif\0\0", TIFF with one entry
    expect(stripped[app1[0]!.start + 10]).toBe(le ? 0x49 : 0x4d); // byte order follows the source
  });

  it('finds the orientation in the EXIF segment that has it, past XMP and an EXIF block without one', async () => {
    const noOrientation = buildTiff({ ifd0: { 0x010f: { type: 'ascii', value: 'ExampleCam' } } });
    const planted = [app1Xmp(xmpPacket('dc:creator="Jane Sample"')), app1Exif(noOrientation), app1Exif(phoneExif({ orientation: 6 }))];
    const stripped = stripJpeg(withSegments(TINY_JPEG, planted));
    expect(await exifr.orientation(stripped)).toBe(6);
    expect(Buffer.from(stripped).toString('latin1')).not.toContain('Jane');
  });

  it('writes no EXIF at all for an upright photo', () => {
    const stripped = stripJpeg(loadedJpeg(1));
    expect(walkJpeg(stripped).segments.some((s) => s.marker === 0xe1)).toBe(false);
  });

  it('keeps every scan of a progressive JPEG', () => {
    const withExif = withSegments(PROGRESSIVE_JPEG, [app1Exif(phoneExif())]);
    const stripped = stripJpeg(withExif);
    expect(stripped).toEqual(PROGRESSIVE_JPEG);
    expect(walkJpeg(stripped).segments.filter((s) => s.marker === 0xda).length).toBeGreaterThan(1);
  });

  it('drops a JFIF thumbnail but keeps the JFIF header', () => {
    const jfif = new Uint8Array([...new TextEncoder().encode('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0]);
    const withThumb = concatBytes([TINY_JPEG.subarray(0, 2), jpegSegment(0xe0, jfif), TINY_JPEG.subarray(20)]);
    const stripped = stripJpeg(withThumb);
    expect(stripped.subarray(0, 20)).toEqual(TINY_JPEG.subarray(0, 20));
  });

  it('drops every APPn that is not JFIF, ICC or Adobe, up to APP15, whatever its payload says', () => {
    const enc = (t: string): Uint8Array => new TextEncoder().encode(t);
    const planted = [
      jpegSegment(0xe0, enc('JFXX\0\x10thumbnail of the original')), // a JFIF extension thumbnail
      jpegSegment(0xe1, enc('Adobe, but an APP1 named so')),
      jpegSegment(0xe2, enc('MPF\0 secondary')),
      jpegSegment(0xe2, enc('ICC_PROFILX not a profile')),
      jpegSegment(0xed, enc('Adobe_CM in APP13')),
      jpegSegment(0xef, enc('APP15 secret note')),
    ];
    const stripped = stripJpeg(withSegments(TINY_JPEG, planted));
    expect(stripped).toEqual(TINY_JPEG);
  });

  it("keeps Adobe's APP14 (it says how CMYK and YCCK pixels are stored) and only that", () => {
    const adobe = jpegSegment(0xee, new Uint8Array([...new TextEncoder().encode('Adobe'), 0, 100, 0, 0, 0, 0, 2]));
    const notAdobe = jpegSegment(0xee, new TextEncoder().encode('Other APP14 owner'));
    const stripped = stripJpeg(withSegments(TINY_JPEG, [adobe, notAdobe]));
    expect(walkJpeg(stripped).segments.filter((s) => s.marker === 0xee).map((s) => Buffer.from(stripped.subarray(s.start, s.end)))).toEqual([Buffer.from(adobe)]);
  });

  it('a JFIF thumbnail: the header stays (length 16, no thumbnail), the thumbnail pixels go', () => {
    const thumbnail = new Uint8Array(2 * 2 * 3).fill(0xab);
    const jfif = new Uint8Array([...new TextEncoder().encode('JFIF\0'), 1, 2, 1, 0, 72, 0, 72, 2, 2, ...thumbnail]);
    const stripped = stripJpeg(concatBytes([TINY_JPEG.subarray(0, 2), jpegSegment(0xe0, jfif), TINY_JPEG.subarray(20)]));
    const app0 = walkJpeg(stripped).segments.find((s) => s.marker === 0xe0)!;
    expect([...stripped.subarray(app0.start, app0.end)]).toEqual([0xff, 0xe0, 0, 16, ...jfif.subarray(0, 12), 0, 0]);
    expect(stripped.includes(0xab)).toBe(false);
    expect(jpegImageData(stripped)).toEqual(jpegImageData(TINY_JPEG));
  });

  it('a JFIF segment too short to have the thumbnail fields is kept as it is', () => {
    const short = jpegSegment(0xe0, new Uint8Array([...new TextEncoder().encode('JFIF\0'), 1, 2, 1]));
    const stripped = stripJpeg(concatBytes([TINY_JPEG.subarray(0, 2), short, TINY_JPEG.subarray(20)]));
    expect(stripped.subarray(2, 2 + short.length)).toEqual(short);
  });

  it('throws a typed error for cut-off and non-JPEG input, without looping', () => {
    const full = loadedJpeg();
    for (const cut of [3, 10, 100, full.length - 400, TINY_JPEG.length - 3]) {
      const input = cut === TINY_JPEG.length - 3 ? TINY_JPEG.subarray(0, cut) : full.subarray(0, cut);
      expect(() => stripJpeg(input)).toThrow(StripError);
    }
    expect(() => stripJpeg(new Uint8Array([0xff, 0xd8, 0x00, 0x01]))).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => stripJpeg(TINY_JPEG.subarray(0, TINY_JPEG.length - 2))).toThrow(expect.objectContaining({ code: 'truncated' }));
  });
});

describe('walkJpeg', () => {
  it('steps over fill bytes, stuffed bytes, RST markers and standalone markers', () => {
    const sos = jpegSegment(0xda, new Uint8Array([1, 1, 0, 0, 63, 0]));
    const scan = new Uint8Array([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0xd1, 0x78]);
    const b = concatBytes([
      new Uint8Array([0xff, 0xd8, 0xff, 0xff, 0xff]), // SOI, then fill bytes before the next marker
      jpegSegment(0xdb, new Uint8Array(65)).subarray(1),
      new Uint8Array([0xff, 0x01]), // TEM, no length
      sos,
      scan,
      new Uint8Array([0xff, 0xd9, 0xde, 0xad]),
    ]);
    const { segments, eoiEnd, problem } = walkJpeg(b);
    expect(problem).toBeUndefined();
    expect(segments.map((s) => s.marker)).toEqual([0xdb, 0x01, 0xda]);
    expect(eoiEnd).toBe(b.length - 2);
  });

  it('reports a bad length instead of looping', () => {
    expect(walkJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x00])).problem).toBe('malformed');
    expect(walkJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2])).problem).toBe('truncated');
  });
});
