import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { concatBytes } from '../../../src/imaging/bytes';
import { readImageSize } from '../../../src/imaging/image-size';
import { StripError, stripMetadata } from '../../../src/imaging/strip-metadata';
import { openTiff } from '../../../src/imaging/tiff-ifd';
import { animatedGif, dcOnlyJpeg, minimalHeic, png, withJpegSize } from '../../support/bad-files';
import { buildWebp, phoneExif } from '../imaging/build-images';

/** Bugs the fuzz suite found, kept as plain cases so they stay fixed. */
describe('fuzz regressions', () => {
  it('a HEIF box of length 0 before `meta` does not hang exifr (it looped forever)', async () => {
    const heic = minimalHeic();
    const broken = heic.slice();
    broken.set([0, 0, 0, 0], 24); // the box after ftyp (24 bytes) claims length 0
    const result = await readMetadata(broken, 'heic');
    expect(result.notes.length).toBeGreaterThan(0);
    // Also when the bytes are not sniffed as HEIC: exifr decides on its own.
    const unsniffed = broken.slice();
    unsniffed[7] = 0xaa; // "fty\xaa"
    await expect(readMetadata(unsniffed, 'jpeg')).resolves.toBeDefined();
  });

  it('a TIFF metadata value that points at the header does not wipe the header', () => {
    const tiff = phoneExif().slice();
    // Point the Artist tag's value (out of line) at offset 0.
    const t = openTiff(tiff)!;
    const n = t.u16(t.ifd0);
    for (let i = 0; i < n; i++) {
      const at = t.ifd0 + 2 + i * 12;
      if (t.u16(at) === 0x013b) tiff.set([0, 0, 0, 0], at + 8);
    }
    const out = stripMetadata(tiff, 'tiff');
    expect(openTiff(out)).toBeDefined();
  });

  it('a WebP with no picture chunk is refused, not "cleaned" into an empty WebP', () => {
    const webp = buildWebp({ exif: phoneExif() });
    const noPicture = webp.slice();
    const at = Buffer.from(webp).indexOf('VP8L');
    noPicture.set([0x58, 0x58, 0x58, 0x58], at);
    expect(() => stripMetadata(noPicture, 'webp')).toThrow(StripError);
  });

  it('header sizes of the decompression bombs are read without decoding', () => {
    expect(readImageSize(png(20000, 20000, { idat: new Uint8Array(8) }), 'png')).toEqual({ width: 20000, height: 20000 });
    expect(readImageSize(withJpegSize(dcOnlyJpeg([128]), 20000, 20000), 'jpeg')).toEqual({ width: 20000, height: 20000 });
    expect(readImageSize(animatedGif(1, [65535, 65535]), 'gif')).toEqual({ width: 65535, height: 65535 });
    expect(readImageSize(concatBytes([new Uint8Array([0xff, 0xd8]), new Uint8Array(10)]), 'jpeg')).toBeUndefined();
  });
});
