import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffImageType, type ImageType } from '../../../src/common/image-type';
import { heifStructure } from '../../../src/analysis/metadata/heif-structure';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { readImageSize } from '../../../src/imaging/image-size';
import { ALL_BASES, CaseCounter, FUZZ_TEST_MS, fuzzInput, MAX_CASE_MS, RUNS, SEED } from './mutate';
import { runFuzz, runFuzzAsync } from './run-fuzz';

/**
 * Header readers and the metadata reader on damaged input: nothing throws, nothing hangs,
 * and what they report is well-typed (sizes are whole, non-negative numbers).
 */
const counter = new CaseCounter();
const TYPES: ImageType[] = ['jpeg', 'png', 'webp', 'gif', 'bmp', 'tiff', 'heic', 'avif', 'svg'];

function timed<T>(f: () => T): T {
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0).toBeLessThan(MAX_CASE_MS);
  return out;
}

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;

describe('fuzz: header readers', { timeout: FUZZ_TEST_MS }, () => {
  it('sniffImageType never throws and agrees with a longer head', () => {
    runFuzz(
      'sniff',
      fc.property(fuzzInput(ALL_BASES), (input) => {
        counter.add('sniffImageType');
        const type = timed(() => sniffImageType(input.subarray(0, SNIFF_BYTES)));
        expect(type === undefined || TYPES.includes(type)).toBe(true);
        expect(sniffImageType(input.subarray(0, 512))).toBe(type);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('readImageSize never throws, for every type, and sizes are whole numbers', () => {
    runFuzz(
      'image-size',
      fc.property(fuzzInput(ALL_BASES), fc.constantFrom(...TYPES), (input, forced) => {
        counter.add('readImageSize');
        // As sniffed (the real path), and as a wrong type (a hostile name cannot matter, but the reader must still hold).
        for (const type of [sniffImageType(input.subarray(0, SNIFF_BYTES)), forced]) {
          if (!type) continue;
          const size = timed(() => readImageSize(input, type));
          if (size) expect(isCount(size.width) && isCount(size.height)).toBe(true);
          if (type === 'heic' || type === 'avif') timed(() => heifStructure(input));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('fuzz: readMetadata', { timeout: FUZZ_TEST_MS }, () => {
  it('never throws and never hangs; findings are well-formed', async () => {
    await runFuzzAsync(
      'read-metadata',
      fc.asyncProperty(fuzzInput(ALL_BASES), async (input) => {
        counter.add('readMetadata');
        const type = sniffImageType(input.subarray(0, SNIFF_BYTES)) ?? 'jpeg';
        let timer: ReturnType<typeof setTimeout> | undefined;
        const result = await Promise.race([
          readMetadata(input, type),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`readMetadata hung on a ${input.length}-byte ${type}`)), MAX_CASE_MS))),
        ]).finally(() => clearTimeout(timer));
        expect(Array.isArray(result.findings) && Array.isArray(result.notes)).toBe(true);
        for (const f of result.findings) expect(['face', 'location', 'metadata', 'id-text', 'barcode']).toContain(f.kind);
        if (result.width !== undefined) expect(isCount(result.width)).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

afterAll(() => {
  console.log(counter.summary('fuzz parsers'));
});
