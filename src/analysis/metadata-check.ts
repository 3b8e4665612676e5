import { said } from '../common/said';
import type { Check } from './ports';
import { readMetadata } from './metadata/read-metadata';

/** The metadata port: pure, works on the file's bytes, needs no pixels. */
export function createMetadataCheck<Img>(): Check<Img> {
  return {
    name: 'metadata',
    needsPixels: false,
    async run(input) {
      const { findings, notes } = await readMetadata(input.bytes, input.type);
      return notes.length > 0 ? { findings, notes: notes.map((key) => said(key)) } : { findings };
    },
  };
}
