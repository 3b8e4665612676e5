import fc from 'fast-check';
import { runFuzz } from './run-fuzz';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageType } from '../../../src/common/image-type';
import { walkJpeg } from '../../../src/imaging/jpeg-segments';
import { walkPng } from '../../../src/imaging/png-chunks';
import { walkWebp } from '../../../src/imaging/riff-chunks';
import { StripError, stripMetadata } from '../../../src/imaging/strip-metadata';
import { openTiff, readIfd } from '../../../src/imaging/tiff-ifd';
import { attachIccProfile, extractIccProfile } from '../../../src/imaging/icc-profile';
import { BASES, CaseCounter, FUZZ_TEST_MS, fuzzInput, MAX_CASE_MS, RUNS, SEED } from './mutate';

/**
 * Lossless strippers on damaged input: the only exception allowed out is `StripError`; a
 * file they accept comes out well-formed (its walker finds no problem) and stripping that
 * output again changes nothing.
 */
const counter = new CaseCounter();

function reparses(type: ImageType, out: Uint8Array): void {
  if (type === 'jpeg') {
    const w = walkJpeg(out);
    expect(w.problem).toBeUndefined();
    expect(w.eoiEnd).toBe(out.length);
  } else if (type === 'png') {
    const w = walkPng(out);
    expect(w.problem).toBeUndefined();
    expect(w.iendEnd).toBe(out.length);
  } else if (type === 'webp') {
    const w = walkWebp(out);
    expect(w.problem).toBeUndefined();
    expect(w.riffEnd).toBe(out.length);
    expect(w.chunks.some((c) => c.fourcc === 'VP8 ' || c.fourcc === 'VP8L' || c.fourcc === 'ANMF')).toBe(true);
  } else {
    const t = openTiff(out);
    expect(t).toBeDefined();
    expect(readIfd(t!, t!.ifd0)).toBeDefined();
  }
}

function timed<T>(f: () => T): T {
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0).toBeLessThan(MAX_CASE_MS);
  return out;
}

const FORMATS: Array<[ImageType, Uint8Array[]]> = [
  ['jpeg', BASES.jpeg],
  ['png', BASES.png],
  ['webp', BASES.webp],
  ['tiff', BASES.tiff],
];

describe('fuzz: stripMetadata', { timeout: FUZZ_TEST_MS }, () => {
  for (const [type, bases] of FORMATS) {
    it(`${type}: only StripError escapes, output re-parses, re-strip is idempotent`, () => {
      let accepted = 0;
      runFuzz(
        `strip ${type}`,
        fc.property(fuzzInput(bases), (input) => {
          counter.add(`strip ${type}`);
          let out: Uint8Array;
          try {
            out = timed(() => stripMetadata(input, type));
          } catch (error) {
            expect(error).toBeInstanceOf(StripError);
            return;
          }
          accepted++;
          reparses(type, out);
          expect(Buffer.from(timed(() => stripMetadata(out, type))).equals(Buffer.from(out))).toBe(true);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // The fuzzer must reach the happy path too, or it proves little.
      expect(accepted).toBeGreaterThan(RUNS / 20);
    });
  }

  it('colour profiles: extract and attach never throw anything but StripError', () => {
    const all = FORMATS.flatMap(([type, bases]) => bases.map((b) => [type, b] as const));
    runFuzz(
      'icc',
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fuzzInput(all.map(([, b]) => b)), (i, input) => {
        counter.add('icc');
        const type = all[i]![0];
        const icc = timed(() => extractIccProfile(input, type));
        if (!icc) return;
        try {
          timed(() => attachIccProfile(input, type, icc));
        } catch (error) {
          expect(error).toBeInstanceOf(StripError);
        }
      }),
      { numRuns: Math.floor(RUNS / 3), seed: SEED },
    );
  });
});

afterAll(() => {
  console.log(counter.summary('fuzz strip'));
});
