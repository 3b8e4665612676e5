import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../src/imaging/bytes';
import { isStartOfFrame, segmentData, walkJpeg } from '../../../src/imaging/jpeg-segments';
import { jpegSegment, PROGRESSIVE_JPEG, TINY_JPEG } from './build-images';

const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array =>
  concatBytes(parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p))));

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
/** A scan header for one component (length 8). */
const sosHeader = (): Uint8Array => jpegSegment(0xda, new Uint8Array([1, 1, 0, 0, 63, 0]));

describe('walkJpeg: where each segment starts and ends', () => {
  it('gives marker, start, payload start and end of segments with a length, and the offset past EOI', () => {
    const b = bytes(SOI, jpegSegment(0xe0, new Uint8Array([1, 2, 3])), jpegSegment(0xfe, new Uint8Array(0)), EOI, [0xde, 0xad]);
    expect(walkJpeg(b)).toEqual({
      segments: [
        { marker: 0xe0, start: 2, dataStart: 6, end: 9 },
        { marker: 0xfe, start: 9, dataStart: 13, end: 13 }, // length 2: an empty payload is fine
      ],
      eoiEnd: 15,
      problem: undefined,
    });
  });

  it('standalone markers (TEM, RST0 to RST7) have no length: payload start and end are just past the marker', () => {
    const b = bytes(SOI, [0xff, 0x01], [0xff, 0xd0], [0xff, 0xd7], EOI);
    expect(walkJpeg(b)).toEqual({
      segments: [
        { marker: 0x01, start: 2, dataStart: 4, end: 4 },
        { marker: 0xd0, start: 4, dataStart: 6, end: 6 },
        { marker: 0xd7, start: 6, dataStart: 8, end: 8 },
      ],
      eoiEnd: 10,
      problem: undefined,
    });
  });

  it('markers next to the standalone ones (0x02, 0xCF, 0xD8) do have a length', () => {
    for (const marker of [0x02, 0xcf, 0xd8]) {
      const b = bytes(SOI, [0xff, marker, 0x00, 0x04, 0xaa, 0xbb], EOI);
      expect(walkJpeg(b)).toEqual({ segments: [{ marker, start: 2, dataStart: 6, end: 8 }], eoiEnd: 10, problem: undefined });
    }
  });

  it('fill bytes before a marker are skipped: the segment starts at the last 0xFF', () => {
    const b = bytes(SOI, [0xff, 0xff, 0xff], jpegSegment(0xdb, new Uint8Array([9])).subarray(1), [0xff, 0xff], EOI);
    expect(walkJpeg(b)).toEqual({
      segments: [{ marker: 0xdb, start: 4, dataStart: 8, end: 9 }],
      eoiEnd: 13,
      problem: undefined,
    });
  });

  it('a scan runs past stuffed bytes, RST0 to RST7 and fill bytes, up to the next real marker', () => {
    const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd7, 0x78, 0xff, 0xff];
    const b = bytes(SOI, sosHeader(), scan, EOI);
    expect(walkJpeg(b)).toEqual({
      // Fill bytes before EOI stay with the scan: it ends at the 0xFF right before the marker.
      segments: [{ marker: 0xda, start: 2, dataStart: 6, end: b.length - 2 }],
      eoiEnd: b.length,
      problem: undefined,
    });
  });

  it('a scan stops at markers just outside RST0 to RST7 (0xCF, 0xD8)', () => {
    for (const marker of [0xcf, 0xd8]) {
      const b = bytes(SOI, sosHeader(), [0x11, 0x22], [0xff, marker, 0x00, 0x02], EOI);
      expect(walkJpeg(b)).toEqual({
        segments: [
          { marker: 0xda, start: 2, dataStart: 6, end: 14 },
          { marker, start: 14, dataStart: 18, end: 18 },
        ],
        eoiEnd: 20,
        problem: undefined,
      });
    }
  });

  it('walks every scan of a progressive JPEG, with tables between them, to the EOI at the end of the file', () => {
    const { segments, eoiEnd, problem } = walkJpeg(PROGRESSIVE_JPEG);
    expect(problem).toBeUndefined();
    expect(eoiEnd).toBe(PROGRESSIVE_JPEG.length);
    expect(segments.filter((s) => s.marker === 0xda).length).toBeGreaterThan(1);
    // Segments tile the file: each starts where the previous one ended.
    segments.forEach((s, i) => expect(s.start).toBe(i === 0 ? 2 : segments[i - 1]!.end));
    expect(segments.at(-1)!.end).toBe(PROGRESSIVE_JPEG.length - 2);
  });

  it('stops at the first EOI: a second picture after it is not walked', () => {
    const b = bytes(TINY_JPEG, TINY_JPEG);
    const { segments, eoiEnd } = walkJpeg(b);
    expect(eoiEnd).toBe(TINY_JPEG.length);
    expect(segments.every((s) => s.end <= TINY_JPEG.length)).toBe(true);
  });
});

describe('walkJpeg: damaged input ends the walk with a reason', () => {
  it('not a JPEG: too short, or no SOI at the start', () => {
    for (const b of [[], [0xff], [0x00, 0xd8, 0xff, 0xd9], [0xff, 0xd9, 0xff, 0xd9], [0xd8, 0xff, 0xd9]]) {
      expect(walkJpeg(new Uint8Array(b))).toEqual({ segments: [], eoiEnd: undefined, problem: 'malformed' });
    }
  });

  it('SOI alone, or a file cut right after a whole segment, is truncated, with the segments read so far', () => {
    expect(walkJpeg(new Uint8Array(SOI))).toEqual({ segments: [], eoiEnd: undefined, problem: 'truncated' });
    expect(walkJpeg(bytes(SOI, [0xff, 0xe1, 0x00, 0x02]))).toEqual({
      segments: [{ marker: 0xe1, start: 2, dataStart: 6, end: 6 }],
      eoiEnd: undefined,
      problem: 'truncated',
    });
    expect(walkJpeg(bytes(SOI, [0xff, 0xd0]))).toEqual({
      segments: [{ marker: 0xd0, start: 2, dataStart: 4, end: 4 }],
      eoiEnd: undefined,
      problem: 'truncated',
    });
  });

  it('a byte that is not a marker where one must be is malformed, with the segments read so far', () => {
    expect(walkJpeg(bytes(SOI, [0xff, 0xe1, 0x00, 0x03, 0x07, 0x00, 0xd9]))).toEqual({
      segments: [{ marker: 0xe1, start: 2, dataStart: 6, end: 7 }],
      eoiEnd: undefined,
      problem: 'malformed',
    });
  });

  it('cut inside a marker, its length field or its payload is truncated', () => {
    for (const tail of [[0xff], [0xff, 0xff, 0xff], [0xff, 0xe1], [0xff, 0xe1, 0x00], [0xff, 0xe1, 0x00, 0x05, 1, 2]]) {
      expect(walkJpeg(bytes(SOI, tail))).toEqual({ segments: [], eoiEnd: undefined, problem: 'truncated' });
    }
  });

  it('a length below 2 is malformed (it would not move the walk forward)', () => {
    for (const length of [0, 1]) {
      expect(walkJpeg(bytes(SOI, [0xff, 0xe1, 0x00, length, 0xff, 0xd9]))).toEqual({ segments: [], eoiEnd: undefined, problem: 'malformed' });
    }
  });

  it('a scan without a marker after it runs to the end of the file, and the file is truncated', () => {
    for (const scan of [[0x12, 0x34], [0x12, 0xff], [0x12, 0xff, 0x00, 0xff, 0xd3, 0xff, 0xff]]) {
      const b = bytes(SOI, sosHeader(), scan);
      expect(walkJpeg(b)).toEqual({
        segments: [{ marker: 0xda, start: 2, dataStart: 6, end: b.length }],
        eoiEnd: undefined,
        problem: 'truncated',
      });
    }
  });

  it('a cut-off scan header is truncated, not a scan to the end of the file', () => {
    const header = sosHeader();
    expect(walkJpeg(bytes(SOI, header.subarray(0, header.length - 1)))).toEqual({ segments: [], eoiEnd: undefined, problem: 'truncated' });
  });
});

describe('segmentData', () => {
  it('is the payload, without marker and length, and empty for a standalone marker', () => {
    const b = bytes(SOI, jpegSegment(0xfe, new Uint8Array([7, 8, 9])), [0xff, 0xd0], EOI);
    const [com, rst] = walkJpeg(b).segments;
    expect(segmentData(b, com!)).toEqual(new Uint8Array([7, 8, 9]));
    expect(segmentData(b, rst!)).toEqual(new Uint8Array(0));
  });
});

describe('isStartOfFrame', () => {
  it('is SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC)', () => {
    const frames = Array.from({ length: 256 }, (_, m) => m).filter(isStartOfFrame);
    expect(frames).toEqual([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
  });
});
