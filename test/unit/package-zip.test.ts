import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reproducibleZip } from '../../scripts/package';

const files = (): Record<string, Uint8Array> => ({
  'b/second.js': new TextEncoder().encode('console.log(2)'),
  'a.txt': new TextEncoder().encode('one'),
});

describe('store and source zips are reproducible', () => {
  it('gives the same bytes whatever the order the files were found in or the time zone', () => {
    const first = reproducibleZip(files());
    const reversed = Object.fromEntries(Object.entries(files()).reverse());
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(Buffer.from(reproducibleZip(reversed)).equals(Buffer.from(first))).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(Object.keys(unzipSync(first))).toEqual(['a.txt', 'b/second.js']);
    expect(new TextDecoder().decode(unzipSync(first)['b/second.js'])).toBe('console.log(2)');
  });
});
