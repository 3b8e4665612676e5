import exifr from 'exifr';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { concatBytes } from '../../../src/imaging/bytes';
import { crc32 } from '../../../src/imaging/crc32';
import { attachIccProfile, extractIccProfile } from '../../../src/imaging/icc-profile';
import { chunkData, walkPng } from '../../../src/imaging/png-chunks';
import { StripError } from '../../../src/imaging/strip-error';
import { pngChunk, stripPng } from '../../../src/imaging/strip-png';
import { buildPng, fakeIccProfile, iTXtXmp, phoneExif, tEXt, xmpPacket, zTXt } from './build-images';
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
