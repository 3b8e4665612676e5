import { describe, expect, it } from 'vitest';
import { textLanguagesFor } from '../../src/common/text-languages';

describe('textLanguagesFor', () => {
  it('always reads English and adds the browser language', () => {
    expect(textLanguagesFor('en-US', [])).toEqual(['eng']);
    expect(textLanguagesFor('ja', [])).toEqual(['eng', 'jpn']);
    expect(textLanguagesFor('hi-IN', [])).toEqual(['eng', 'hin']);
    expect(textLanguagesFor('fr-CA', ['jpn'])).toEqual(['eng', 'fra', 'jpn']);
  });
  it('ignores languages that are not bundled', () => {
    expect(textLanguagesFor('de', ['xyz', 'eng'])).toEqual(['eng']);
  });
});
