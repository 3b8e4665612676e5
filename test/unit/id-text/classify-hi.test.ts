import { describe, expect, it } from 'vitest';
import { fields } from './helpers';

describe('Hindi', () => {
  it.each([
    ['नाम: राहुल शर्मा', 'name'],
    ['पिता का नाम: सुरेश शर्मा', 'name'],
    ['जन्म तिथि: 12/03/1984', 'birth-date'],
    ['जन्मतिथि / DOB: 01/01/1990', 'birth-date'],
    ['आधार संख्या 2345 6789 0124', 'id-number'],
    ['मोबाइल: 98765 43210', 'phone'],
    ['पता: 12, गांधी मार्ग, नई दिल्ली', 'address'],
  ])('%s → %s', (text, field) => {
    expect(fields(text)).toContain(field);
  });

  it('an unlabelled 4-4-4 number is an ID number only when the Verhoeff digit holds', () => {
    expect(fields('2345 6789 0124')).toEqual(['id-number']);
    expect(fields('2345 6789 0125')).toEqual([]);
  });

  it.each([['दिन में 2 बार लें'], ['बैच 12345678']])('%s → nothing', (text) => {
    expect(fields(text)).toEqual([]);
  });
});
