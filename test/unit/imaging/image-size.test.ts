import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/imaging/bytes';
import { readImageSize } from '../../../src/imaging/image-size';
import { buildPng, buildTiff, buildWebp, jpegSegment, PROGRESSIVE_JPEG, riffChunk, TINY_JPEG, TINY_WEBP } from './build-images';

const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array =>
  concatBytes(parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p))));
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
/** SOFn payload: precision, height, width, one component. */
const sof = (marker: number, width: number, height: number): Uint8Array =>
  jpegSegment(marker, new Uint8Array([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]));

describe('readImageSize: JPEG', () => {
  it('reads the frame header of baseline and progressive files', () => {
    expect(readImageSize(TINY_JPEG, 'jpeg')).toEqual({ width: 8, height: 8 });
    expect(readImageSize(PROGRESSIVE_JPEG, 'jpeg')).toEqual({ width: 16, height: 16 });
  });

  it('steps over fill bytes, standalone markers and tables that look like frames (DHT C4) to the first SOFn', () => {
    const b = bytes([0xff, 0xd8, 0xff, 0xff], [0xff, 0x01], [0xff, 0xd0], [0xff, 0xd7], jpegSegment(0xc4, new Uint8Array(9).fill(0x7f)), sof(0xc2, 4000, 3000), sof(0xc0, 1, 1));
    expect(readImageSize(b, 'jpeg')).toEqual({ width: 4000, height: 3000 });
  });

  it('an SOI or an empty segment (length 2) before the frame is skipped by its length', () => {
    const b = bytes([0xff, 0xd8], [0xff, 0xd8, 0x00, 0x04, 0xff, 0xc0], [0xff, 0xe1, 0x00, 0x02], sof(0xc1, 640, 480));
    expect(readImageSize(b, 'jpeg')).toEqual({ width: 640, height: 480 });
  });

  it('nothing after EOI counts, and a file must start with SOI', () => {
    expect(readImageSize(bytes([0xff, 0xd8, 0xff, 0xd9, 0x00, 0x02], sof(0xc0, 8, 8)), 'jpeg')).toBeUndefined();
    expect(readImageSize(bytes([0xff, 0xd9], sof(0xc0, 8, 8)), 'jpeg')).toBeUndefined();
  });

  it('reads a frame header that ends exactly at the end of the data', () => {
    const b = bytes([0xff, 0xd8], sof(0xcf, 300, 200).subarray(0, 9));
    expect(readImageSize(b, 'jpeg')).toEqual({ width: 300, height: 200 });
  });

  it('is undefined with no frame before the scan or EOI, a cut-off frame header, a bad length or a non-marker byte', () => {
    for (const b of [
      bytes([0xff, 0xd8], jpegSegment(0xda, new Uint8Array(6)), sof(0xc0, 8, 8)),
      bytes([0xff, 0xd8, 0xff, 0xd9], sof(0xc0, 8, 8)),
      bytes([0xff, 0xd8], sof(0xc0, 300, 200).subarray(0, 8)),
      bytes([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01], sof(0xc0, 8, 8)),
      bytes([0xff, 0xd8, 0xff, 0xe1, 0x00]),
      bytes([0xff, 0xd8, 0x00], sof(0xc0, 8, 8)),
      bytes([0xff, 0xd8, 0xff]),
      bytes([0xff, 0xd9, 0xff, 0xc0]),
      bytes([0x00, 0xd8], sof(0xc0, 8, 8)),
    ]) {
      expect(readImageSize(b, 'jpeg')).toBeUndefined();
    }
  });
});

describe('readImageSize: PNG, GIF, BMP, TIFF', () => {
  it('PNG: the IHDR width and height, undefined when IHDR is missing or cut', () => {
    const png = buildPng();
    png.set([0, 0, 0x12, 0x34, 0, 1, 0, 0], 16);
    expect(readImageSize(png, 'png')).toEqual({ width: 0x1234, height: 0x10000 });
    expect(readImageSize(png.subarray(0, 24), 'png')).toEqual({ width: 0x1234, height: 0x10000 });
    expect(readImageSize(png.subarray(0, 23), 'png')).toBeUndefined();
    png[12] = 0x69; // 'iHDR'
    expect(readImageSize(png, 'png')).toBeUndefined();
  });

  const gif = (flags: number, extra: number[]): Uint8Array => bytes(ascii('GIF89a'), [10, 0, 20, 0, flags, 0, 0], extra);

  it('GIF: the logical screen, grown to a larger first frame past a colour table and extensions', () => {
    const frame = [0x2c, 5, 0, 6, 0, 30, 0, 40, 0, 0];
    expect(readImageSize(gif(0, frame), 'gif')).toEqual({ width: 35, height: 46 });
    const table = new Array<number>(3 * 4).fill(0); // flags 0x81: a table of 2^(1+1) colours
    const extension = [0x21, 0xf9, 4, 0, 0, 0, 0, 0];
    expect(readImageSize(gif(0x81, [...table, ...extension, ...frame]), 'gif')).toEqual({ width: 35, height: 46 });
    expect(readImageSize(gif(0, [0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0]), 'gif')).toEqual({ width: 10, height: 20 });
    expect(readImageSize(gif(0, [0x2c, 5, 0, 6, 0, 30, 0, 40]), 'gif')).toEqual({ width: 10, height: 20 }); // frame cut off
    expect(readImageSize(gif(0, [0x2c, 5, 0, 6, 0, 30, 0, 40, 0]), 'gif')).toEqual({ width: 35, height: 46 }); // frame header ends the data
    const comments = [0x21, 0xfe, 3, 0x41, 0x42, 0x43, 2, 0x44, 0x45, 0];
    expect(readImageSize(gif(0, [...comments, ...comments, ...frame]), 'gif')).toEqual({ width: 35, height: 46 });
    expect(readImageSize(gif(0, [0x3b, ...frame]), 'gif')).toEqual({ width: 10, height: 20 }); // trailer first
    expect(readImageSize(gif(0, [0x3b, 0, 0, ...frame]), 'gif')).toEqual({ width: 10, height: 20 }); // nothing after the trailer counts
    expect(readImageSize(bytes(ascii('GIF87a'), [10, 0, 20, 0]), 'gif')).toEqual({ width: 10, height: 20 });
    expect(readImageSize(bytes(ascii('GIF87a'), [10, 0, 20]), 'gif')).toBeUndefined();
    expect(readImageSize(bytes(ascii('GIF88a'), [10, 0, 20, 0, 0, 0, 0]), 'gif')).toBeUndefined();
  });

  it('BMP: the info header size, signed sizes made positive, and the old 12-byte header', () => {
    const bmp = (header: number, size: number[]): Uint8Array => bytes(ascii('BM'), new Array<number>(12).fill(0), [header, 0, 0, 0], size, new Array<number>(4).fill(0));
    expect(readImageSize(bmp(40, [0x10, 0x27, 0, 0, 0x18, 0xfc, 0xff, 0xff]), 'bmp')).toEqual({ width: 10000, height: 1000 });
    expect(readImageSize(bmp(12, [0x10, 0x27, 0xe8, 0x03, 0, 0, 0, 0]), 'bmp')).toEqual({ width: 10000, height: 1000 });
    expect(readImageSize(bmp(40, [1, 0, 0, 0, 2, 0, 0, 0]).subarray(0, 26), 'bmp')).toEqual({ width: 1, height: 2 });
    expect(readImageSize(bmp(40, [1, 0, 0, 0, 1, 0, 0, 0]).subarray(0, 25), 'bmp')).toBeUndefined();
    expect(readImageSize(bytes(ascii('BN'), new Array<number>(30).fill(0)), 'bmp')).toBeUndefined();
  });

  it('TIFF: ImageWidth and ImageLength as SHORT or LONG in either byte order, undefined without both', () => {
    for (const littleEndian of [false, true]) {
      expect(readImageSize(buildTiff({ littleEndian, ifd0: { 256: { type: 'short', value: [640] }, 257: { type: 'long', value: [70000] } } }), 'tiff')).toEqual({ width: 640, height: 70000 });
    }
    expect(readImageSize(buildTiff({ ifd0: { 256: { type: 'short', value: [640] } } }), 'tiff')).toBeUndefined();
    expect(readImageSize(buildTiff({ ifd0: { 256: { type: 'byte', value: [64] }, 257: { type: 'short', value: [48] } } }), 'tiff')).toBeUndefined();
    expect(readImageSize(new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]), 'tiff')).toBeUndefined();
  });

  it('no reader for types without a pixel size in a simple header', () => {
    expect(readImageSize(TINY_JPEG, 'svg')).toBeUndefined();
  });
});

describe('readImageSize: WebP', () => {
  const webp = (...chunks: Uint8Array[]): Uint8Array => {
    const body = concatBytes(chunks);
    const head = concatBytes([ascii('RIFF'), new Uint8Array(4), ascii('WEBP')]);
    new DataView(head.buffer).setUint32(4, 4 + body.length, true);
    return concatBytes([head, body]);
  };
  const u24 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
  const vp8x = (w: number, h: number): Uint8Array => riffChunk('VP8X', new Uint8Array([0, 0, 0, 0, ...u24(w - 1), ...u24(h - 1)]));
  const vp8 = (w: number, h: number): Uint8Array => riffChunk('VP8 ', new Uint8Array([0, 0, 0, 0x9d, 0x01, 0x2a, w & 0xff, (w >> 8) | 0xc0, h & 0xff, (h >> 8) | 0x40]));
  const anmf = (w: number, h: number, inner: Uint8Array[] = []): Uint8Array =>
    riffChunk('ANMF', concatBytes([new Uint8Array([...u24(0), ...u24(0), ...u24(w - 1), ...u24(h - 1), 0, 0, 0, 0]), ...inner]));

  it('reads a lossless (VP8L) and an extended (VP8X) file', () => {
    expect(readImageSize(TINY_WEBP, 'webp')).toEqual({ width: 8, height: 8 });
    expect(readImageSize(buildWebp({ xmp: 'x' }), 'webp')).toEqual({ width: 8, height: 8 });
  });

  it('a lossy frame (VP8) gives its 14-bit size, scale bits masked off', () => {
    expect(readImageSize(webp(vp8(1000, 700)), 'webp')).toEqual({ width: 1000, height: 700 });
  });

  it('the largest of canvas and frames counts, including frames inside an animation frame', () => {
    expect(readImageSize(webp(vp8x(100, 100), vp8(300, 200)), 'webp')).toEqual({ width: 300, height: 200 });
    expect(readImageSize(webp(vp8x(100, 100), riffChunk('ANIM', new Uint8Array(6)), anmf(50, 50), anmf(120, 110)), 'webp')).toEqual({ width: 120, height: 110 });
    expect(readImageSize(webp(vp8x(100, 100), anmf(10, 10, [vp8(5000, 4000)])), 'webp')).toEqual({ width: 5000, height: 4000 });
    expect(readImageSize(webp(vp8x(640, 480), vp8(10, 10)), 'webp')).toEqual({ width: 640, height: 480 });
  });

  it('a lossless frame gives its 14-bit width and height, each plus one', () => {
    const bits = 299 | (199 << 14);
    const vp8l = riffChunk('VP8L', new Uint8Array([0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]));
    expect(readImageSize(webp(vp8l), 'webp')).toEqual({ width: 300, height: 200 });
  });

  it('of two sizes with the same area the first counts', () => {
    expect(readImageSize(webp(vp8x(200, 100), vp8(100, 200)), 'webp')).toEqual({ width: 200, height: 100 });
  });

  it('frames are looked for one level into an animation frame, not deeper', () => {
    expect(readImageSize(webp(vp8x(10, 10), anmf(10, 10, [anmf(20, 20, [vp8(5000, 4000)])])), 'webp')).toEqual({ width: 20, height: 20 });
  });

  it('frame headers that end exactly at the end of the data are read; cut ones are not', () => {
    expect(readImageSize(webp(vp8x(300, 200)), 'webp')).toEqual({ width: 300, height: 200 });
    const bits = 9 | (4 << 14);
    const vp8l = riffChunk('VP8L', new Uint8Array([0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, 0]));
    expect(readImageSize(webp(vp8l.subarray(0, 13)), 'webp')).toEqual({ width: 10, height: 5 }); // no pad byte: 5 bytes left
    const cutVp8l = vp8l.slice(0, 12);
    cutVp8l[4] = 4;
    expect(readImageSize(webp(cutVp8l), 'webp')).toBeUndefined();
    const cutVp8 = vp8(300, 200).slice(0, 16);
    cutVp8[4] = 8;
    expect(readImageSize(webp(cutVp8), 'webp')).toBeUndefined();
  });

  it('frame signatures count only in their own chunks', () => {
    const fake = (fourcc: string, chunk: Uint8Array): Uint8Array => {
      const c = chunk.slice();
      c.set(ascii(fourcc));
      return c;
    };
    expect(readImageSize(webp(fake('JUNK', vp8(300, 200))), 'webp')).toBeUndefined();
    const vp8l = riffChunk('VP8L', new Uint8Array([0x2f, 9, 0, 1, 0]));
    expect(readImageSize(webp(fake('JUNK', vp8l)), 'webp')).toBeUndefined();
    expect(readImageSize(webp(fake('JUNK', vp8x(300, 200))), 'webp')).toBeUndefined();
  });

  it('steps over odd-sized chunks with their pad byte', () => {
    expect(readImageSize(webp(riffChunk('ICCP', new Uint8Array(3)), vp8(33, 44)), 'webp')).toEqual({ width: 33, height: 44 });
  });

  it('ignores frames too short or without their signature, and non-WebP input', () => {
    expect(readImageSize(webp(riffChunk('VP8 ', new Uint8Array(9))), 'webp')).toBeUndefined();
    for (const at of [3, 4, 5]) {
      const badStart = vp8(300, 200);
      badStart[8 + at] = 0x02;
      expect(readImageSize(webp(badStart), 'webp')).toBeUndefined();
    }
    expect(readImageSize(webp(riffChunk('VP8L', new Uint8Array([0x2e, 0xff, 0xff, 0xff, 0xff]))), 'webp')).toBeUndefined();
    expect(readImageSize(webp(riffChunk('VP8X', new Uint8Array(8))), 'webp')).toBeUndefined();
    expect(readImageSize(webp(riffChunk('ANMF', new Uint8Array(14))), 'webp')).toBeUndefined();
    expect(readImageSize(TINY_WEBP.subarray(0, 19), 'webp')).toBeUndefined();
    const notRiff = TINY_WEBP.slice();
    notRiff.set(ascii('RIFX'));
    expect(readImageSize(notRiff, 'webp')).toBeUndefined();
    const wave = TINY_WEBP.slice();
    wave.set(ascii('WAVE'), 8);
    expect(readImageSize(wave, 'webp')).toBeUndefined();
  });
});
