import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/imaging/bytes';
import { chunkData, PNG_SIGNATURE, walkPng } from '../../../src/imaging/png-chunks';
import { pngChunk } from '../../../src/imaging/strip-png';
import { buildPng } from './build-images';

const IEND = pngChunk('IEND', new Uint8Array(0));
/** A chunk with any four type bytes (pngChunk wants text). */
function rawChunk(type: number[], data: number[]): Uint8Array {
  const c = pngChunk('zzzz', new Uint8Array(data));
  c.set(type, 4);
  return c;
}

describe('walkPng: where each chunk starts and ends', () => {
  it('gives type, start, payload start, length and end (past the CRC) of each chunk, and the offset past IEND', () => {
    const b = concatBytes([PNG_SIGNATURE, pngChunk('tEXt', new Uint8Array([1, 2, 3])), pngChunk('sRGB', new Uint8Array([0])), IEND]);
    expect(walkPng(b)).toEqual({
      chunks: [
        { type: 'tEXt', start: 8, dataStart: 16, length: 3, end: 23 },
        { type: 'sRGB', start: 23, dataStart: 31, length: 1, end: 36 },
        { type: 'IEND', start: 36, dataStart: 44, length: 0, end: 48 },
      ],
      iendEnd: 48,
      problem: undefined,
    });
  });

  it('stops at IEND: bytes after it, even a whole chunk, are not walked', () => {
    const png = buildPng();
    const b = concatBytes([png, pngChunk('tEXt', new Uint8Array([1])), new Uint8Array([9, 9])]);
    const { chunks, iendEnd, problem } = walkPng(b);
    expect(iendEnd).toBe(png.length);
    expect(problem).toBeUndefined();
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('chunkData is the payload without length, type and CRC', () => {
    const b = concatBytes([PNG_SIGNATURE, pngChunk('tEXt', new Uint8Array([7, 8, 9])), IEND]);
    const [text, iend] = walkPng(b).chunks;
    expect(chunkData(b, text!)).toEqual(new Uint8Array([7, 8, 9]));
    expect(chunkData(b, iend!)).toEqual(new Uint8Array(0));
  });
});

describe('walkPng: damaged input ends the walk with a reason', () => {
  it('not a PNG: shorter than the signature, or any byte of the signature wrong', () => {
    expect(walkPng(PNG_SIGNATURE.subarray(0, 7))).toEqual({ chunks: [], iendEnd: undefined, problem: 'malformed' });
    for (let i = 0; i < 8; i++) {
      const b = concatBytes([PNG_SIGNATURE, IEND]);
      b[i] = b[i]! ^ 0x20;
      expect(walkPng(b)).toEqual({ chunks: [], iendEnd: undefined, problem: 'malformed' });
    }
  });

  it('the signature alone, or chunks without IEND, is truncated, with the chunks read so far', () => {
    expect(walkPng(PNG_SIGNATURE)).toEqual({ chunks: [], iendEnd: undefined, problem: 'truncated' });
    const b = concatBytes([PNG_SIGNATURE, pngChunk('sRGB', new Uint8Array(0))]);
    expect(walkPng(b)).toEqual({
      chunks: [{ type: 'sRGB', start: 8, dataStart: 16, length: 0, end: 20 }],
      iendEnd: undefined,
      problem: 'truncated',
    });
  });

  it('a chunk cut anywhere (header, payload or CRC) is truncated', () => {
    const whole = concatBytes([PNG_SIGNATURE, pngChunk('tEXt', new Uint8Array([1, 2, 3])), IEND]);
    for (const cut of [9, 19, 20, 22]) {
      expect(walkPng(whole.subarray(0, cut))).toEqual({ chunks: [], iendEnd: undefined, problem: 'truncated' });
    }
    // A length past the end of the file (here 4 GB) is not read as a chunk.
    const huge = concatBytes([PNG_SIGNATURE, new Uint8Array([0xff, 0xff, 0xff, 0xf0]), new TextEncoder().encode('IDAT'), new Uint8Array(20)]);
    expect(walkPng(huge)).toEqual({ chunks: [], iendEnd: undefined, problem: 'truncated' });
  });

  it('a chunk type that is not four ASCII letters is malformed, with the chunks read so far', () => {
    for (const type of [[0x49, 0x44, 0x41, 0x31], [0x31, 0x44, 0x41, 0x54], [0x49, 0x20, 0x41, 0x54], [0x49, 0x44, 0x41, 0xc4], [0, 0, 0, 0]]) {
      const b = concatBytes([PNG_SIGNATURE, pngChunk('sRGB', new Uint8Array([0])), rawChunk(type, [1]), IEND]);
      expect(walkPng(b)).toEqual({
        chunks: [{ type: 'sRGB', start: 8, dataStart: 16, length: 1, end: 21 }],
        iendEnd: undefined,
        problem: 'malformed',
      });
    }
  });

  it('upper and lower case letters are both chunk types (a, z, A, Z)', () => {
    const b = concatBytes([PNG_SIGNATURE, rawChunk([0x61, 0x7a, 0x41, 0x5a], []), IEND]);
    expect(walkPng(b).chunks.map((c) => c.type)).toEqual(['azAZ', 'IEND']);
  });
});
