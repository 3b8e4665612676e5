import fc from 'fast-check';
import { writeFileSync, appendFileSync } from 'node:fs';
import { ALL_BASES, fuzzInput } from './test/unit/fuzz/mutate';
import { sniffImageType } from './src/common/image-type';
import { readImageSize } from './src/imaging/image-size';
import { heifStructure } from './src/analysis/metadata/heif-structure';
import { readMetadata } from './src/analysis/metadata/read-metadata';
const seed = Number(process.argv[2]);
const n = Number(process.argv[3]);
const samples = fc.sample(fuzzInput(ALL_BASES), { seed, numRuns: n });
const types = ['jpeg', 'png', 'webp', 'gif', 'bmp', 'tiff', 'heic', 'avif', 'svg'] as const;
for (const [i, input] of samples.entries()) {
  writeFileSync('/tmp/ug-last.bin', input);
  for (const t of types) { writeFileSync('/tmp/ug-last.txt', `${i} size ${t}`); readImageSize(input, t); }
  writeFileSync('/tmp/ug-last.txt', `${i} heif`); heifStructure(input);
  const type = sniffImageType(input.subarray(0, 64)) ?? 'jpeg';
  writeFileSync('/tmp/ug-last.txt', `${i} meta ${type}`);
  const t0 = performance.now();
  await readMetadata(input, type);
  const ms = performance.now() - t0;
  if (ms > 200) appendFileSync('/tmp/ug-slow.txt', `${seed} ${i} ${type} ${ms}\n`);
}
console.log('done', seed);
