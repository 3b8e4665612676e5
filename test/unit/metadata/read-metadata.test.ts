import { describe, expect, it } from 'vitest';
import { SNIPPET_MAX } from '../../../src/common/findings';
import { parseXmpCoordinate } from '../../../src/analysis/metadata/gps-location';
import { NOTE_CUT_OFF, NOTE_GPS_UNREADABLE, readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { describeFinding } from '../../../src/analysis/describe-finding';
import { stripMetadata } from '../../../src/imaging/strip-metadata';
import { formatDate } from '../../../src/analysis/metadata/tag-findings';
import type { ImageType } from '../../../src/common/image-type';
import { concatBytes } from '../../../src/imaging/bytes';
import {
  app1Exif, app1Xmp, buildPng, buildTiff, buildWebp, comment, phoneExif, tEXt, TINY_JPEG, TINY_WEBP, withSegments, xmpPacket,
} from '../imaging/build-images';

/** Degrees as cameras write them (three rationals), or as one rational (some writers). */
const rationalDeg = (deg: number, one = false) => ({
  type: 'rational' as const,
  value: (one ? [[Math.round(deg * 10_000), 10_000]] : [[Math.floor(deg), 1], [Math.round((deg % 1) * 60 * 100), 100], [0, 1]]) as Array<[number, number]>,
});
const jpegWith = (...segments: Uint8Array[]): Uint8Array => withSegments(TINY_JPEG, segments);
const byField = async (b: Uint8Array, type: ImageType = 'jpeg') =>
  Object.fromEntries((await readMetadata(b, type)).findings.map((f) => [f.field, f]));

describe('readMetadata', () => {
  it('reports GPS with position, accuracy and a short snippet', async () => {
    const { gps } = await byField(jpegWith(app1Exif(phoneExif())));
    expect(gps).toMatchObject({ kind: 'location', field: 'gps', text: '35.6586, 139.7454' });
    expect(gps!.lat).toBeCloseTo(35.6586, 4);
    expect(gps!.lon).toBeCloseTo(139.7454, 4);
    expect(gps!.accuracyM).toBe(12); // GPSHPositioningError
  });

  it('reports one finding per kind, never one per tag', async () => {
    const r = await readMetadata(jpegWith(app1Exif(phoneExif()), comment('note for Dr. Who')), 'jpeg');
    const fields = r.findings.map((f) => f.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(r.findings.find((f) => f.field === 'owner')?.text).toBe('Jane Sample, (c) Jane Sample');
    expect(r.findings.find((f) => f.field === 'serial')?.text).toBe('SN-00451234, LS-778899');
    expect(r.findings.find((f) => f.field === 'datetime')?.text).toBe('2024-05-02 10:41');
    expect(r.findings.find((f) => f.field === 'description')?.text).toMatch(/^rash on left arm, day 3, note for Dr/);
    expect(r.findings.every((f) => (f.text ?? '').length <= SNIPPET_MAX)).toBe(true);
    expect([r.width, r.height]).toEqual([8, 8]);
  });

  it('reads GPS, people and place names from XMP alone', async () => {
    const xmp = xmpPacket(
      'exif:GPSLatitude="52,31.2005N" exif:GPSLongitude="13,24.29716667E" photoshop:City="Berlin" photoshop:Country="Germany"',
      '<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Jane Sample</rdf:li><rdf:li>John Sample</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>',
    );
    const f = await byField(jpegWith(app1Xmp(xmp)));
    expect(f.gps!.lat).toBeCloseTo(52.52, 3);
    expect(f.gps!.accuracyM).toBe(5);
    expect(f['place-name']).toMatchObject({ kind: 'location', text: 'Berlin, Germany' });
    expect(f.person!.text).toBe('Jane Sample, John Sample');
  });

  it('ignores empty and placeholder values', async () => {
    const exif = buildTiff({ ifd0: { 0x010e: { type: 'ascii', value: '   ' }, 0x013b: { type: 'ascii', value: 'unknown' } } });
    expect((await readMetadata(jpegWith(app1Exif(exif)), 'jpeg')).findings).toEqual([]);
  });

  it('keeps what it can read from damaged metadata and says so, without throwing', async () => {
    const exif = phoneExif();
    const damagedGps = exif.slice();
    // Point the GPS IFD past the end of the block: the GPS section exists but cannot be read.
    const gpsEntry = Buffer.from(damagedGps).indexOf(Buffer.from([0x88, 0x25, 0x00, 0x04]));
    Buffer.from(damagedGps.buffer).writeUInt32BE(0x7fff_fff0, gpsEntry + 8);
    const r = await readMetadata(jpegWith(app1Exif(damagedGps)), 'jpeg');
    expect(r.findings.some((f) => f.field === 'device')).toBe(true);
    expect(r.findings.some((f) => f.field === 'gps')).toBe(false);
    expect(r.notes.length).toBeGreaterThan(0);
  });

  it('still finds GPS when one IFD0 entry has an invalid type (exifr drops every block then)', async () => {
    // A Sony DSC-HX5V writes IFD0 tag 1 with type 0; exifr then returns nothing at all.
    const exif = buildTiff({
      ifd0: { 0x0001: { type: 'short', value: [1] }, 0x010f: { type: 'ascii', value: 'SONY' } },
      gps: { 0x0001: { type: 'ascii', value: 'N' }, 0x0002: rationalDeg(51.7786), 0x0003: { type: 'ascii', value: 'E' }, 0x0004: rationalDeg(8.3656) },
    });
    const broken = exif.slice();
    expect(broken[8 + 2 + 1]).toBe(0x01); // IFD0's first entry is tag 1 ...
    broken[8 + 2 + 3] = 0; // ... now of type 0
    const r = await readMetadata(jpegWith(app1Exif(broken)), 'jpeg');
    const gps = r.findings.find((f) => f.field === 'gps');
    expect(gps?.lat).toBeCloseTo(51.7786, 3);
    expect(gps?.lon).toBeCloseTo(8.3656, 3);
    expect(r.notes).toContain('noteMetaDamaged');
  });

  it('notes a cut-off file but still reports what comes before the cut', async () => {
    const full = jpegWith(app1Exif(phoneExif()));
    const r = await readMetadata(full.subarray(0, full.length - 100), 'jpeg');
    expect(r.notes).toContain(NOTE_CUT_OFF);
    expect(r.findings.some((f) => f.field === 'gps')).toBe(true);
  });

  it.each<[string, number, number, boolean, string]>([
    ['latitude', 213.6, 139.7454, false, '213.6000'],
    ['longitude', 35.6586, 400.25, false, '400.2500'],
    ['latitude (one rational)', 213.6, 139.7454, true, '213.6000'],
  ])('reports a position with its %s out of range as a recorded location, and the copy strips it', async (_part, lat, lon, one, shown) => {
    const gps = (la: number, lo: number): Uint8Array =>
      buildTiff({
        ifd0: { 0x010f: { type: 'ascii', value: 'Cam' } },
        gps: { 0x0001: { type: 'ascii', value: 'N' }, 0x0002: rationalDeg(la, one), 0x0003: { type: 'ascii', value: 'E' }, 0x0004: rationalDeg(lo, one) },
      });
    const jpeg = jpegWith(app1Exif(gps(lat, lon)));
    const r = await readMetadata(jpeg, 'jpeg');
    const found = r.findings.find((f) => f.kind === 'location');
    expect(found).toMatchObject({ kind: 'location', field: 'gps-invalid' });
    expect(found!.text).toContain(shown);
    expect(found!.lat).toBeUndefined();
    expect(r.notes).not.toContain(NOTE_GPS_UNREADABLE);
    expect(describeFinding(found!)).toMatchObject({ titleKey: 'findingLocationInvalid', whyKey: 'whyLocationInvalid' });
    // The protected copy (lossless strip) keeps no location of any kind.
    const stripped = await readMetadata(stripMetadata(jpeg, 'jpeg'), 'jpeg');
    expect(stripped.findings.filter((f) => f.kind === 'location')).toEqual([]);
    // A valid position is still an ordinary GPS finding.
    const ok = await byField(jpegWith(app1Exif(gps(35.6586, 139.7454))));
    expect(ok.gps).toBeDefined();
    expect(ok['gps-invalid']).toBeUndefined();
  });

  it('notes a GPS section without coordinates', async () => {
    const exif = buildTiff({ ifd0: { 0x010f: { type: 'ascii', value: 'Cam' } }, gps: { 0x0000: { type: 'byte', value: [2, 2, 0, 0] } } });
    expect((await readMetadata(jpegWith(app1Exif(exif)), 'jpeg')).notes).toContain(NOTE_GPS_UNREADABLE);
  });

  it.each<[string, Uint8Array, ImageType]>([
    ['garbage as jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 1, 2, 3]), 'jpeg'],
    ['empty', new Uint8Array(0), 'png'],
    ['garbage as tiff', new Uint8Array([0x4d, 0x4d, 0, 42, 0xff, 0xff, 0xff, 0xff]), 'tiff'],
    ['garbage as heic', new Uint8Array(40).fill(0xff), 'heic'],
    ['half a webp', TINY_WEBP.subarray(0, 30), 'webp'],
    ['svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
  ])('never throws on %s', async (_name, bytes, type) => {
    const r = await readMetadata(bytes, type);
    expect(Array.isArray(r.findings)).toBe(true);
  });

  it('reads PNG text chunks by keyword', async () => {
    const png = buildPng([tEXt('Author', 'Jane Sample'), tEXt('Comment', 'ward 4B'), tEXt('Software', 'Paint')]);
    const f = await byField(png, 'png');
    expect(f.owner!.text).toBe('Jane Sample');
    expect(f.description!.text).toBe('ward 4B');
    expect(f.software!.text).toBe('Paint');
  });

  it('reads WebP EXIF that carries an "Exif\\0\\0" prefix', async () => {
    const prefixed = concatBytes([new TextEncoder().encode('Exif\0\0'), phoneExif()]);
    const f = await byField(buildWebp({ exif: prefixed }), 'webp');
    expect(f.gps).toBeDefined();
  });
});

describe('metadata helpers', () => {
  it('parses XMP coordinates', () => {
    expect(parseXmpCoordinate('48,51.49333333N')?.deg).toBeCloseTo(48.8582, 4);
    expect(parseXmpCoordinate('2,17,40.2W')?.deg).toBeCloseTo(-2.2945, 4);
    expect(parseXmpCoordinate('nonsense')).toBeUndefined();
  });

  it('formats dates from EXIF, XMP and IPTC', () => {
    expect(formatDate('2018:07:25 16:34:23')).toBe('2018-07-25 16:34');
    expect(formatDate('2015-06-11T10:29:26.69')).toBe('2015-06-11 10:29');
    expect(formatDate('20070815')).toBe('2007-08-15');
  });
});
