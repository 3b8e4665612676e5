import { describe, expect, it } from 'vitest';
import { maskedSnippet, maskValue } from '../../../src/analysis/id-text/mask';
import { SNIPPET_MAX } from '../../../src/common/findings';

describe('masking', () => {
  it('keeps initials and the last two digits only', () => {
    expect(maskValue('Jane Sample', 'name')).toBe('J••• S•••••');
    expect(maskValue('01 23 45 67 89', 'phone')).toBe('•• •• •• •• 89');
    expect(maskValue('XSM123456789', 'id-number')).toBe('••••••••••89');
  });
  it('keeps the domain of an e-mail address', () => {
    expect(maskValue('jane@example.org', 'email')).toBe('j•••@example.org');
  });
  it('keeps document code and issuing state of an MRZ, nothing else', () => {
    expect(maskValue('P<UTOERIKSSON<<ANNA', 'mrz')).toBe('P<UTO••••••••<<••••');
    expect(maskValue('L898902C36UTO', 'mrz')).not.toMatch(/[A-Z0-9]{2}/);
  });
  it('prefixes the label and stays within the snippet length', () => {
    expect(maskedSnippet('DOB:', ' 1984-03-12', 'birth-date')).toBe('DOB ••••-••-12');
    expect(maskedSnippet('Name', 'A'.repeat(80), 'name').length).toBeLessThanOrEqual(SNIPPET_MAX);
  });
});
