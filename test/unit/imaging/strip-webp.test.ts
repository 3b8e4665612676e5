import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { concatBytes } from '../../../src/imaging/bytes';
import { extractIccProfile } from '../../../src/imaging/icc-profile';
import { riffData, walkWebp } from '../../../src/imaging/riff-chunks';
import { StripError } from '../../../src/imaging/strip-error';
import { stripWebp } from '../../../src/imaging/strip-webp';
import { buildWebp, fakeIccProfile, phoneExif, riffChunk, TINY_WEBP, tinyVp8l, xmpPacket } from './build-images';

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

describe('stripWebp: what must go and what must stay', () => {
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  const webp = (...chunks: Uint8Array[]): Uint8Array => {
    const body = concatBytes(chunks);
    const head = concatBytes([ascii('RIFF'), new Uint8Array(4), ascii('WEBP')]);
    new DataView(head.buffer).setUint32(4, 4 + body.length, true);
    return concatBytes([head, body]);
  };
  const vp8x = (flags: number): Uint8Array => riffChunk('VP8X', new Uint8Array([flags, 0, 0, 0, 7, 0, 0, 7, 0, 0]));
  const chunk = (fourcc: string, n = 5): Uint8Array => riffChunk(fourcc, new Uint8Array(n).fill(0x41));

  it('keeps the picture, alpha, animation and colour chunks byte for byte (pad bytes too)', () => {
    const source = webp(vp8x(0x20 | 0x10 | 0x02), chunk('ICCP'), chunk('ANIM', 6), chunk('ANMF', 9), chunk('ANMF', 7), chunk('ALPH', 3), chunk('VP8 ', 4));
    expect(stripWebp(source)).toEqual(source);
  });

  it('drops EXIF, XMP and unknown chunks wherever they are, fixes the RIFF size and drops bytes past the RIFF end', () => {
    const source = concatBytes([webp(vp8x(0), chunk('EXIF'), chunk('ICCP', 4), chunk('XMP '), tinyVp8l(), chunk('UNKN', 3), chunk('EXIF', 2)), ascii('trailing')]);
    expect(stripWebp(source)).toEqual(webp(vp8x(0), chunk('ICCP', 4), tinyVp8l()));
  });

  it('clears only the EXIF and XMP flags of VP8X: ICC, alpha and animation flags stay', () => {
    const stripped = stripWebp(webp(vp8x(0xff), chunk('ANIM', 6), chunk('ANMF', 9), chunk('EXIF'), chunk('XMP ')));
    expect(stripped).toEqual(webp(vp8x(0xff & ~0x0c), chunk('ANIM', 6), chunk('ANMF', 9)));
  });

  it('a VP8X too short to hold the flags is kept as it is', () => {
    const source = webp(riffChunk('VP8X', new Uint8Array(0)), tinyVp8l());
    expect(stripWebp(source)).toEqual(source);
  });

  it('refuses an empty container and one with no picture data (no empty "clean" copy)', () => {
    expect(() => stripWebp(webp())).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(() => stripWebp(webp(vp8x(0x08), chunk('EXIF'), chunk('ALPH'), chunk('ICCP')))).toThrow(expect.objectContaining({ code: 'malformed' }));
    for (const picture of ['VP8 ', 'VP8L', 'ANMF']) expect(() => stripWebp(webp(chunk(picture)))).not.toThrow();
  });

  it('refuses a cut-off or non-WebP input with the reason', () => {
    expect(() => stripWebp(TINY_WEBP.subarray(0, TINY_WEBP.length - 1))).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => stripWebp(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
});
