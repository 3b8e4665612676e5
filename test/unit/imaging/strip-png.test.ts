import exifr from 'exifr';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { concatBytes } from '../../../src/imaging/bytes';
import { crc32 } from '../../../src/imaging/crc32';
import { attachIccProfile, extractIccProfile } from '../../../src/imaging/icc-profile';
import { chunkData, PNG_SIGNATURE, walkPng } from '../../../src/imaging/png-chunks';
import { StripError } from '../../../src/imaging/strip-error';
import { pngChunk, stripPng } from '../../../src/imaging/strip-png';
import { orientationOnlyTiff } from '../../../src/imaging/tiff-ifd';
import { buildPng, buildTiff, fakeIccProfile, iTXtXmp, phoneExif, tEXt, xmpPacket, zTXt } from './build-images';
import { expectSameBytes } from '../same-bytes';

const types = (b: Uint8Array): string[] => walkPng(b).chunks.map((c) => c.type);
const idat = (b: Uint8Array): Uint8Array[] => walkPng(b).chunks.filter((c) => c.type === 'IDAT').map((c) => b.slice(c.start, c.end));

function loadedPng(orientation = 6): Uint8Array {
  const iccp = concatBytes([new TextEncoder().encode('ICC\0\0'), new Uint8Array([0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01])]);
  const png = buildPng(
    [
      pngChunk('iCCP', iccp),
      pngChunk('pHYs', new Uint8Array([0, 0, 11, 19, 0, 0, 11, 19, 1])),
      pngChunk('eXIf', phoneExif({ orientation })),
      tEXt('Author', 'Jane Sample'),
      zTXt('Comment', 'patient 4711, ward 4B'),
      iTXtXmp(xmpPacket('exif:GPSLatitude="48,51.4933N" exif:GPSLongitude="2,17.67E"')),
      pngChunk('tIME', new Uint8Array([7, 232, 5, 2, 10, 41, 0])),
      pngChunk('prVt', new TextEncoder().encode('private')),
    ],
    [tEXt('Software', 'after the picture')],
  );
  return concatBytes([png, new TextEncoder().encode('trailing secrets')]);
}

describe('stripPng', () => {
  it('finds the planted data first', async () => {
    const { findings } = await readMetadata(loadedPng(), 'png');
    const byField = Object.fromEntries(findings.map((f) => [f.field, f.text]));
    expect(byField.gps).toMatch(/^35\.6586, 139\.7454/); // EXIF wins over XMP
    expect(byField.owner).toContain('Jane Sample');
    expect(byField.description).toContain('patient 4711'); // zTXt, inflated
    expect(byField['trailing-data']).toBe('16 bytes after the picture');
    expect(byField.thumbnail).toBeDefined();
  });

  it('keeps picture and colour chunks verbatim and drops the rest', async () => {
    const source = loadedPng();
    const stripped = stripPng(source);
    expect(types(stripped)).toEqual(['IHDR', 'iCCP', 'pHYs', 'eXIf', 'IDAT', 'IEND']);
    expect(idat(stripped)).toEqual(idat(source));
    const parsed = await exifr.parse(stripped, { tiff: true, xmp: true, ifd1: true, mergeOutput: false });
    expect(parsed?.gps).toBeUndefined();
    expect(parsed?.exif).toBeUndefined();
    expect(parsed?.ifd1).toBeUndefined();
    expect(parsed?.ifd0).toEqual({ Orientation: 'Rotate 90 CW' });
    const text = Buffer.from(stripped).toString('latin1');
    for (const secret of ['Jane', 'trailing', 'private', 'xmp']) expect(text).not.toContain(secret);
  });

  it('writes the minimal eXIf with a valid CRC, and none for upright photos', () => {
    const stripped = stripPng(loadedPng(3));
    const exif = walkPng(stripped).chunks.find((c) => c.type === 'eXIf')!;
    const stored = Buffer.from(stripped).readUInt32BE(exif.dataStart + exif.length);
    expect(stored).toBe(crc32(new TextEncoder().encode('eXIf'), chunkData(stripped, exif)));
    expect(types(stripPng(loadedPng(1)))).not.toContain('eXIf');
  });

  it('computes the PNG CRC-32', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('throws a typed error for a cut-off PNG', () => {
    const png = loadedPng();
    expect(() => stripPng(png.subarray(0, png.length - 40))).toThrow(StripError);
    expect(() => stripPng(new Uint8Array(10))).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
});

describe('PNG colour profile', () => {
  it('extracts iCCP still compressed and attaches raw profiles as stored zlib', () => {
    const profile = fakeIccProfile(70_000);
    const withProfile = attachIccProfile(buildPng(), 'png', { encoding: 'raw', data: profile });
    expect(types(withProfile)).toEqual(['IHDR', 'iCCP', 'IDAT', 'IEND']);
    const found = extractIccProfile(withProfile, 'png')!;
    expect(found.encoding).toBe('zlib');
    expectSameBytes(new Uint8Array(inflateSync(found.data)), profile);
    // and back into another PNG as is
    const again = attachIccProfile(buildPng(), 'png', found);
    expectSameBytes(extractIccProfile(again, 'png')?.data, found.data);
  });
});

describe('stripPng: what must go and what must stay', () => {
  const base = buildPng();
  const [IHDR, IDAT, IEND] = walkPng(base).chunks.map((c) => base.slice(c.start, c.end));
  const png = (...chunks: Uint8Array[]): Uint8Array => concatBytes([PNG_SIGNATURE, ...chunks]);
  const chunk = (type: string, n = 1): Uint8Array => pngChunk(type, new Uint8Array(n).fill(0x41));
  const exifChunk = (tiff: Uint8Array): Uint8Array => pngChunk('eXIf', tiff);
  const rotated = (orientation: number, littleEndian = false): Uint8Array =>
    exifChunk(buildTiff({ littleEndian, ifd0: { 0x010f: { type: 'ascii', value: 'ExampleCam' }, 0x0112: { type: 'short', value: [orientation] } } }));
  const minimalExif = (orientation: number, le = false): Uint8Array => pngChunk('eXIf', orientationOnlyTiff(orientation, le));

  it('writes a chunk as length, type, payload and the CRC of type and payload', () => {
    const c = pngChunk('tEXt', new Uint8Array([1, 2, 3]));
    const crc = crc32(new TextEncoder().encode('tEXt'), new Uint8Array([1, 2, 3]));
    expect(c).toEqual(new Uint8Array([0, 0, 0, 3, 0x74, 0x45, 0x58, 0x74, 1, 2, 3, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]));
  });

  it('keeps every picture, colour and animation chunk byte for byte, in order', () => {
    const kept = ['PLTE', 'tRNS', 'iCCP', 'sRGB', 'gAMA', 'cHRM', 'sBIT', 'pHYs', 'cICP', 'mDCV', 'cLLI', 'acTL', 'fcTL'].map((t) => chunk(t, 3));
    const source = png(IHDR!, ...kept, IDAT!, chunk('fdAT', 5), IEND!);
    expect(stripPng(source)).toEqual(source);
  });

  it('drops text, time, background, private and unknown chunks wherever they are, and everything after IEND', () => {
    const dropped = ['tEXt', 'zTXt', 'iTXt', 'tIME', 'bKGD', 'hIST', 'sPLT', 'prVt', 'caBX', 'dSIG'].map((t) => chunk(t, 4));
    const source = concatBytes([png(IHDR!, ...dropped.slice(0, 5), IDAT!, ...dropped.slice(5), IEND!), chunk('tEXt'), new Uint8Array([1, 2, 3])]);
    expect(stripPng(source)).toEqual(png(IHDR!, IDAT!, IEND!));
  });

  it('an upright eXIf, or one without a usable Orientation, is dropped and no eXIf is written', () => {
    const noOrientation = exifChunk(buildTiff({ ifd0: { 0x010f: { type: 'ascii', value: 'ExampleCam' } } }));
    for (const exif of [rotated(1), rotated(9), rotated(0), noOrientation, exifChunk(new Uint8Array([1, 2, 3]))]) {
      expect(stripPng(png(IHDR!, exif, IDAT!, IEND!))).toEqual(png(IHDR!, IDAT!, IEND!));
    }
  });

  it('a rotated eXIf becomes one holding only Orientation, in the byte order of the source', () => {
    expect(stripPng(png(IHDR!, rotated(8), IDAT!, IEND!))).toEqual(png(IHDR!, minimalExif(8), IDAT!, IEND!));
    expect(stripPng(png(IHDR!, rotated(2, true), IDAT!, IEND!))).toEqual(png(IHDR!, minimalExif(2, true), IDAT!, IEND!));
  });

  it('the minimal eXIf goes once, before the first picture data, even when the source had it after IDAT', () => {
    expect(stripPng(png(IHDR!, chunk('sRGB'), IDAT!, IDAT!, rotated(6), IEND!))).toEqual(png(IHDR!, chunk('sRGB'), minimalExif(6), IDAT!, IDAT!, IEND!));
  });

  it('in an animated PNG the minimal eXIf goes before the first frame control or frame data', () => {
    const acTL = chunk('acTL', 8);
    const fcTL = chunk('fcTL', 26);
    const fdAT = chunk('fdAT', 6);
    expect(stripPng(png(IHDR!, rotated(6), acTL, fcTL, IDAT!, fcTL, fdAT, IEND!))).toEqual(png(IHDR!, acTL, minimalExif(6), fcTL, IDAT!, fcTL, fdAT, IEND!));
    expect(stripPng(png(IHDR!, rotated(6), acTL, fdAT, IDAT!, IEND!))).toEqual(png(IHDR!, acTL, minimalExif(6), fdAT, IDAT!, IEND!));
  });

  it('with no picture data at all, the minimal eXIf still goes before IEND', () => {
    expect(stripPng(png(IHDR!, rotated(6), IEND!))).toEqual(png(IHDR!, minimalExif(6), IEND!));
  });

  it('the first eXIf is the one that counts', () => {
    expect(stripPng(png(IHDR!, rotated(3), rotated(6), IDAT!, IEND!))).toEqual(png(IHDR!, minimalExif(3), IDAT!, IEND!));
    expect(stripPng(png(IHDR!, rotated(1), rotated(6), IDAT!, IEND!))).toEqual(png(IHDR!, IDAT!, IEND!));
  });

  it('a PNG it cannot walk to IEND is refused with the reason, never returned half done', () => {
    const whole = png(IHDR!, IDAT!, IEND!);
    expect(() => stripPng(whole.subarray(0, whole.length - 1))).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => stripPng(png(IHDR!, IDAT!))).toThrow(expect.objectContaining({ code: 'truncated' }));
    const badType = png(IHDR!, chunk('sRGB'), IEND!);
    badType[8 + IHDR!.length + 4] = 0x30;
    expect(() => stripPng(badType)).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => stripPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(StripError);
  });
});
