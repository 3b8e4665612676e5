import { describe, expect, it } from 'vitest';
import { fields } from './helpers';

// Text that appears in medical photos without identifying anyone.
describe('not ID-like', () => {
  it.each([
    ['JUST DO IT'],
    ['UNIVERSITY OF CALIFORNIA ATHLETICS'],
    ["Harry Potter and the Philosopher's Stone"],
    ['J.K. ROWLING'],
    ['$12.99'],
    ['Price 1299'],
    ['Total 45.50'],
    ['Take 2 tablets by mouth twice daily'],
    ['Ibuprofen 200 mg'],
    ['100 mg'],
    ['LOT ABC123 EXP 12/2026'],
    ['GTIN 09506000134352'],
    ['NDC 12345-678-90'],
    ['SERIAL # CNK8181G2C'],
    ['ASSET TAG # 000123'],
    ['REF 4412-0090'],
    ['Patient information leaflet'],
    ['Date: 2024-01-05'],
    ['Exp 2027-03-01'],
    ['Room 12'],
    ['42'],
    ['Store at 20-25 °C'],
    ['Keep out of reach of children'],
    ['P<<<<'],
  ])('%s → nothing', (text) => {
    expect(fields(text)).toEqual([]);
  });

  it('a future date alone is not a birth date', () => {
    expect(fields('12/03/2031')).toEqual([]);
  });
  it('an empty label with nothing after it is not a finding', () => {
    expect(fields('Name:')).toEqual([]);
  });
  it('a label followed by prose is not a finding', () => {
    expect(fields('Patient education and instructions')).toEqual([]);
  });
});
