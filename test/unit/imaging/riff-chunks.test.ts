import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/imaging/bytes';
import { riffData, walkWebp } from '../../../src/imaging/riff-chunks';
import { riffChunk, TINY_WEBP } from './build-images';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** RIFF header whose size field says `size` (by default: exactly the chunks given). */
function webp(chunks: Uint8Array[], size?: number): Uint8Array {
  const body = concatBytes(chunks);
  const head = concatBytes([ascii('RIFF'), new Uint8Array(4), ascii('WEBP')]);
  new DataView(head.buffer).setUint32(4, size ?? 4 + body.length, true);
  return concatBytes([head, body]);
}

describe('walkWebp: where each chunk starts and ends', () => {
  it('gives fourcc, start, payload start, size and end of each chunk; an odd size is followed by a pad byte', () => {
    const b = webp([riffChunk('VP8X', new Uint8Array(10)), riffChunk('EXIF', new Uint8Array(3)), riffChunk('VP8L', new Uint8Array(4))]);
    expect(walkWebp(b)).toEqual({
      chunks: [
        { fourcc: 'VP8X', start: 12, dataStart: 20, size: 10, end: 30 },
        { fourcc: 'EXIF', start: 30, dataStart: 38, size: 3, end: 42 }, // 3 bytes and the pad
        { fourcc: 'VP8L', start: 42, dataStart: 50, size: 4, end: 54 },
      ],
      riffEnd: 54,
      problem: undefined,
    });
  });

  it('an empty chunk at the very end is a chunk', () => {
    const b = webp([riffChunk('VP8L', new Uint8Array(2)), riffChunk('XMP ', new Uint8Array(0))]);
    expect(walkWebp(b).chunks.map((c) => [c.fourcc, c.end])).toEqual([['VP8L', 22], ['XMP ', 30]]);
  });

  it('stops at the RIFF end: bytes after it are not chunks', () => {
    const b = concatBytes([TINY_WEBP, riffChunk('EXIF', new Uint8Array(4))]);
    const { chunks, riffEnd, problem } = walkWebp(b);
    expect([riffEnd, problem]).toEqual([TINY_WEBP.length, undefined]);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8L']);
  });

  it('a last chunk of odd size whose pad byte the RIFF size leaves out ends at the RIFF end', () => {
    const chunk = riffChunk('VP8L', new Uint8Array(3)).subarray(0, 11);
    const b = concatBytes([webp([chunk]), new Uint8Array([0xee])]);
    expect(walkWebp(b)).toEqual({
      chunks: [{ fourcc: 'VP8L', start: 12, dataStart: 20, size: 3, end: 23 }],
      riffEnd: 23,
      problem: undefined,
    });
  });

  it('riffData is the payload without header and pad byte', () => {
    const b = webp([riffChunk('EXIF', new Uint8Array([5, 6, 7])), riffChunk('VP8L', new Uint8Array(0))]);
    const [exif, vp8l] = walkWebp(b).chunks;
    expect(riffData(b, exif!)).toEqual(new Uint8Array([5, 6, 7]));
    expect(riffData(b, vp8l!)).toEqual(new Uint8Array(0));
  });
});

describe('walkWebp: damaged input ends the walk with a reason', () => {
  it('not a WebP: shorter than the RIFF header, or RIFF or WEBP missing', () => {
    const ok = webp([]);
    const malformed = { chunks: [], riffEnd: 0, problem: 'malformed' };
    expect(walkWebp(ok.subarray(0, 11))).toEqual(malformed);
    for (const at of [0, 3, 8, 11]) {
      const b = ok.slice();
      b[at] = b[at]! ^ 0x20;
      expect(walkWebp(b)).toEqual(malformed);
    }
  });

  it('the RIFF header alone is an empty container, not an error (the stripper refuses it)', () => {
    expect(walkWebp(webp([]))).toEqual({ chunks: [], riffEnd: 12, problem: undefined });
  });

  it('a RIFF size past the end of the input is truncated, even when every chunk read is whole', () => {
    const b = webp([riffChunk('VP8L', new Uint8Array(4))], 100);
    expect(walkWebp(b)).toEqual({
      chunks: [{ fourcc: 'VP8L', start: 12, dataStart: 20, size: 4, end: 24 }],
      riffEnd: 24,
      problem: 'truncated',
    });
  });

  it('a chunk whose size goes past the RIFF end is truncated, with the chunks read so far', () => {
    const whole = webp([riffChunk('VP8X', new Uint8Array(10)), riffChunk('VP8L', new Uint8Array(8))]);
    for (const cut of [whole.length - 1, whole.length - 8]) {
      const b = whole.subarray(0, cut);
      expect(walkWebp(b)).toEqual({
        chunks: [{ fourcc: 'VP8X', start: 12, dataStart: 20, size: 10, end: 30 }],
        riffEnd: cut,
        problem: 'truncated',
      });
    }
    // Cut by the RIFF size rather than the file: the same.
    const short = webp([riffChunk('VP8X', new Uint8Array(10)), riffChunk('VP8L', new Uint8Array(8))], 4 + 18 + 15);
    expect(walkWebp(concatBytes([short, new Uint8Array(8)])).problem).toBe('truncated');
  });
});
