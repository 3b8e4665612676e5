/**
 * Structure-aware fuzzing inputs: valid pictures with every kind of metadata the parsers
 * walk, damaged by a short list of byte-level mutations (fast-check arbitraries, so a
 * failure shrinks to a small case and is replayable from its seed).
 */
import fc from 'fast-check';
import { concatBytes } from '../../../src/imaging/bytes';
import { animatedGif, badFiles, dcOnlyJpeg, minimalHeic, minimalTiff, png } from '../../support/bad-files';
import { withExif } from '../../support/exif-builder';
import {
  app13Photoshop,
  app1Exif,
  app1Xmp,
  buildPng,
  buildWebp,
  comment,
  fakeIccProfile,
  iccSegments,
  iTXtXmp,
  mpfSegment,
  phoneExif,
  PROGRESSIVE_JPEG,
  tEXt,
  TINY_JPEG,
  TINY_WEBP,
  withSegments,
  xmpPacket,
  zTXt,
} from '../imaging/build-images';
import { pngChunk } from '../../../src/imaging/strip-png';

const XMP = xmpPacket('exif:GPSLatitude="35,39.5N" dc:creator="Jane"');

/** Valid, metadata-rich bases per format. */
export const BASES = {
  jpeg: [
    withSegments(TINY_JPEG, [app1Exif(phoneExif({ orientation: 6 })), app1Xmp(XMP), comment('hello'), ...iccSegments(fakeIccProfile(300)), app13Photoshop()]),
    withSegments(PROGRESSIVE_JPEG, [app1Exif(phoneExif({ littleEndian: true }))]),
    concatBytes([withSegments(TINY_JPEG, [mpfSegment(TINY_JPEG.length - 2, TINY_JPEG)]), TINY_JPEG]),
    withExif(dcOnlyJpeg([30, 200, 90, 10], { adobe: true }), { lat: 1, lon: 2 }),
  ],
  png: [
    buildPng([pngChunk('eXIf', phoneExif({ orientation: 3 })), tEXt('Author', 'Jane'), zTXt('Comment', 'secret'), iTXtXmp(XMP)]),
    png(6, 4, { depth: 16 }),
  ],
  webp: [buildWebp({ exif: phoneExif(), xmp: XMP, iccp: fakeIccProfile(200) }), TINY_WEBP],
  tiff: [minimalTiff(), phoneExif({ orientation: 8 })],
  other: [minimalHeic(), animatedGif(3), ...badFiles().filter((f) => f.kind === 'bomb' || f.kind === 'drawing').map((f) => f.bytes)],
};

export const ALL_BASES: Uint8Array[] = Object.values(BASES).flat();

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'number'; at: number; value: number; width: 2 | 4; le: boolean }
  | { op: 'splice'; at: number; other: number; from: number };

const INTERESTING = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_NUMBERS = [0, 1, 2, 7, 8, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...INTERESTING), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    op: fc.constant('number' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...INTERESTING_NUMBERS), fc.nat()),
    width: fc.constantFrom(2 as const, 4 as const),
    le: fc.boolean(),
  }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat() }),
);

export function applyMutation(b: Uint8Array, m: Mutation): Uint8Array {
  if (b.length === 0) return m.op === 'insert' ? m.bytes : b;
  const at = m.at % b.length;
  switch (m.op) {
    case 'flip': {
      const out = b.slice();
      out[at]! ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      const out = b.slice();
      out[at] = m.value;
      return out;
    }
    case 'truncate':
      return b.slice(0, at);
    case 'insert':
      return concatBytes([b.subarray(0, at), m.bytes, b.subarray(at)]);
    case 'delete':
      return concatBytes([b.subarray(0, at), b.subarray(at + m.len)]);
    case 'duplicate':
      return concatBytes([b.subarray(0, at + m.len), b.subarray(at)]);
    case 'number': {
      const out = b.slice();
      const v = m.value >>> 0;
      const bytes = m.width === 2 ? [(v >> 8) & 255, v & 255] : [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
      if (m.le) bytes.reverse();
      bytes.forEach((x, i) => at + i < out.length && (out[at + i] = x));
      return out;
    }
    case 'splice': {
      const other = ALL_BASES[m.other % ALL_BASES.length]!;
      return concatBytes([b.subarray(0, at), other.subarray(m.from % Math.max(1, other.length))]);
    }
  }
}

/** A base picture (from `bases`) with 1–6 mutations applied. */
export function mutated(bases: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.integer({ min: 0, max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([i, ms]) => ms.reduce(applyMutation, bases[i]!));
}

/** Mostly mutated pictures, sometimes pure noise. */
export function fuzzInput(bases: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof({ arbitrary: mutated(bases), weight: 9 }, { arbitrary: fc.uint8Array({ maxLength: 512 }), weight: 1 });
}

/** Counts cases across a test file, for the summary line the suite prints. */
export class CaseCounter {
  private readonly counts = new Map<string, number>();
  add(name: string, n = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  summary(title: string): string {
    return `${title}: ${this.total} cases (${[...this.counts].map(([k, v]) => `${k} ${v}`).join(', ')})`;
  }
}

/** A fixed seed unless FUZZ_SEED is set, so CI is repeatable and a local run can explore. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20240509);
/**
 * Cases per target in `npm test`: 5,000 (~a quarter of the 20,000 the bugs were hunted
 * with; the suite shares two cores with the browsers). `FUZZ_RUNS=20000 npm run test:unit`
 * is the deeper run, `FUZZ_SEED` another sequence.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
/**
 * Longest time one synchronous call may take on these small inputs before it counts as a
 * hang. A hang (an endless loop over a damaged length) never returns; the slowest real case
 * measured here is ~20 ms. 250 ms failed under load (the e2e browsers share two cores and a
 * GC pause lands inside a case), so the bound is wide: it catches hangs, not slowness.
 */
export const MAX_CASE_MS = 2_000;

/**
 * A whole fuzz test: the number of cases is fixed (seeded), so its time only says how loaded the
 * machine is. 20000 cases take ~5 s alone and over 6 s beside the browser files, past vitest's
 * 5 s default (a fresh-machine run failed three fuzz tests so); hangs are caught per case above.
 */
export const FUZZ_TEST_MS = 120_000;
