import { describe, expect, it } from 'vitest';
import { isAadhaar, isMyNumber, verhoeffValid } from '../../../src/analysis/id-text/checksums';

describe('verhoeff', () => {
  it('accepts the textbook example 2363 and rejects a changed digit', () => {
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
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
});

describe('isMyNumber', () => {
  it('accepts the mod-11 check digit', () => {
    expect(isMyNumber('123456789018')).toBe(true);
    expect(isMyNumber('987654321093')).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    expect(isMyNumber('123456789017')).toBe(false);
  });
});
