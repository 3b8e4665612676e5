import { describe, expect, it } from 'vitest';
import { isAadhaar, isCardNumber, isMyNumber, luhnValid, verhoeffValid } from '../../../src/analysis/id-text/checksums';

describe('verhoeff', () => {
  it('accepts the textbook example 2363 and rejects a changed digit', () => {
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
  });
  it('rejects an empty string and digits with a letter or space before or after them', () => {
    // Both 234567890182 and 2345678901820 pass Verhoeff: the stray character alone must fail them.
    expect(verhoeffValid('234567890182')).toBe(true);
    expect(verhoeffValid('')).toBe(false);
    expect(verhoeffValid('x234567890182')).toBe(false);
    expect(verhoeffValid('234567890182x')).toBe(false);
    expect(verhoeffValid(' 2363')).toBe(false);
  });
});

describe('luhnValid on what is not a bare digit string', () => {
  it('rejects a card number with a space before or after it', () => {
    // 4539148803400349 and 45391488034003490 both pass Luhn; a space would count as a 0.
    expect(luhnValid('4539148803436467')).toBe(true);
    expect(luhnValid(' 4539148803436467')).toBe(false);
    expect(luhnValid('4539148803400349')).toBe(true);
    expect(luhnValid('4539148803400349 ')).toBe(false);
  });
});

describe('isCardNumber on longer digit runs', () => {
  it('does not take a card number behind a leading 0 for a card', () => {
    // A leading 0 leaves the Luhn sum alone: only the network range tells it from a card.
    expect(luhnValid('04111111111111111')).toBe(true);
    expect(isCardNumber('04111111111111111')).toBe(false);
  });
});

describe('isAadhaar', () => {
  it('accepts 12 digits with a Verhoeff check digit', () => {
    expect(isAadhaar('234567890124')).toBe(true);
    expect(isAadhaar('498765432102')).toBe(true);
  });
  it('rejects a wrong check digit, a leading 0/1, and other lengths', () => {
    expect(isAadhaar('234567890125')).toBe(false);
    expect(isAadhaar('134567890124')).toBe(false);
    expect(isAadhaar('23456789012')).toBe(false);
  });
  it('rejects 13 digits even when their Verhoeff check holds', () => {
    // 9234567890124 ends in the Aadhaar-like 234567890124; 2345678901245 starts with it.
    expect(verhoeffValid('9234567890124')).toBe(true);
    expect(isAadhaar('9234567890124')).toBe(false);
    expect(verhoeffValid('2345678901245')).toBe(true);
    expect(isAadhaar('2345678901245')).toBe(false);
  });
});

describe('isMyNumber', () => {
  it('accepts the mod-11 check digit', () => {
    expect(isMyNumber('123456789018')).toBe(true);
    expect(isMyNumber('987654321093')).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    expect(isMyNumber('123456789017')).toBe(false);
  });
  it('takes 0 for the check digit when the weighted sum leaves 0 or 1 over 11', () => {
    expect(isMyNumber('141421356230')).toBe(true); // remainder 0
    expect(isMyNumber('271828182840')).toBe(true); // remainder 1
    expect(isMyNumber('271828182841')).toBe(false);
  });
  it('needs exactly 12 digits', () => {
    // 13 digits is a corporate number (法人番号), even when its first 12 would pass.
    expect(isMyNumber('1234567890185')).toBe(false);
    expect(isMyNumber('123456789018X')).toBe(false);
    expect(isMyNumber('12345678901')).toBe(false);
    expect(isMyNumber('')).toBe(false);
  });
});
