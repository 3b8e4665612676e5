import { describe, expect, it } from 'vitest';
import { ChecksForLanguages } from '../../../src/analysis/checks-for-languages';
import type { Check } from '../../../src/analysis/ports';

const fake = (name: Check<never>['name'], onClose?: () => void): Check<never> => ({
  name,
  needsPixels: name !== 'metadata',
  run: () => Promise.resolve({ findings: [] }),
  ...(onClose ? { close: onClose } : {}),
});

describe('ChecksForLanguages', () => {
  it('makes the text check with the chosen languages, and again (closing the old one) only when they change', async () => {
    const made: (readonly string[])[] = [];
    let closed = 0;
    const metadata = fake('metadata');
    const checks = new ChecksForLanguages<never>([metadata], (extra) => {
      made.push(extra);
      return fake('text', () => (closed += 1));
    });
    const first = checks.for(['jpn']);
    expect(first.map((c) => c.name)).toEqual(['metadata', 'text']);
    expect(first[0]).toBe(metadata);
    expect(checks.for(['jpn'])[1]).toBe(first[1]);
    expect(made).toEqual([['jpn']]);
    const second = checks.for(['fra', 'jpn']);
    expect(second[1]).not.toBe(first[1]);
    expect(checks.for(['jpn', 'fra'])[1]).toBe(second[1]);
    expect(made).toEqual([['jpn'], ['fra', 'jpn']]);
    await Promise.resolve();
    expect(closed).toBe(1);
    expect(checks.current()[1]).toBe(second[1]);
  });
});
