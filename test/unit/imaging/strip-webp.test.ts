import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { extractIccProfile } from '../../../src/imaging/icc-profile';
import { riffData, walkWebp } from '../../../src/imaging/riff-chunks';
import { StripError } from '../../../src/imaging/strip-error';
import { stripWebp } from '../../../src/imaging/strip-webp';
import { buildWebp, fakeIccProfile, phoneExif, TINY_WEBP, tinyVp8l, xmpPacket } from './build-images';

const loaded = (): Uint8Array =>
  buildWebp(
    {
      iccp: fakeIccProfile(333),
      exif: phoneExif({ orientation: 6 }),
      xmp: xmpPacket('dc:creator="Jane Sample" photoshop:City="Springfield"'),
    },
    new TextEncoder().encode('trailing secrets'),
  );

describe('stripWebp', () => {
  it('reads EXIF and XMP out of WebP chunks', async () => {
    const r = await readMetadata(loaded(), 'webp');
    const byField = Object.fromEntries(r.findings.map((f) => [f.field, f.text]));
    expect(byField.gps).toMatch(/^35\.6586, 139\.7454/);
    expect(byField.owner).toContain('Jane Sample');
    expect(byField['place-name']).toBe('Springfield');
    expect(byField['trailing-data']).toBe('16 bytes after the picture');
    expect([r.width, r.height, r.orientation]).toEqual([8, 8, 6]);
  });

  it('drops EXIF and XMP, clears their flags, fixes the RIFF size, keeps ICCP and VP8L', async () => {
    const stripped = stripWebp(loaded());
    const { chunks, problem } = walkWebp(stripped);
    expect(problem).toBeUndefined();
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8L']);
    expect(riffData(stripped, chunks[0]!)[0]).toBe(0x20); // ICC flag only
    expect(Buffer.from(stripped).readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped.subarray(chunks[2]!.start, chunks[2]!.end)).toEqual(tinyVp8l());
    expect(extractIccProfile(stripped, 'webp')?.data).toEqual(fakeIccProfile(333));
    expect((await readMetadata(stripped, 'webp')).findings).toEqual([]);
    expect(Buffer.from(stripped).toString('latin1')).not.toContain('Jane');
    await expect(exifr.parse(stripped)).rejects.toThrow(); // exifr has no WebP reader: nothing to hide there
  });

  it('leaves a simple WebP as it is', () => {
    expect(stripWebp(TINY_WEBP)).toEqual(TINY_WEBP);
  });

  it('throws a typed error for a cut-off WebP', () => {
    expect(() => stripWebp(loaded().subarray(0, 60))).toThrow(StripError);
  });
});
