import { describe, expect, it } from 'vitest';
import { classifyIdText } from '../../../src/analysis/id-text/classify-id-text';
import { fields, line } from './helpers';

describe('English labels', () => {
  it.each([
    ['PATIENT: Jane Sample', 'name'],
    ['Patient Name: John Q. Example', 'name'],
    ['Name: JANE SAMPLE', 'name'],
    ['Member JANE SAMPLE', 'name'],
    ['Dispensed for: JOHN Q. EXAMPLE', 'name'],
    ['DOB 1984-03-12', 'birth-date'],
    ['D.O.B.: 07/04/1975', 'birth-date'],
    ['Date of birth 12 MAR 1984', 'birth-date'],
    ['MRN 00451234', 'id-number'],
    ['Member ID XSM123456789', 'id-number'],
    ['Staff ID E-20931', 'id-number'],
    ['Passport No. L898902C3', 'id-number'],
    ['Rx# 7712345', 'id-number'],
    ['Phone: 555 123 4567', 'phone'],
    ['Email: jane@example.org', 'email'],
    ['Address: 123 Example St, Springfield', 'address'],
  ])('%s → %s', (text, field) => {
    expect(fields(text)).toContain(field);
  });

  it('finds two labelled values on one line', () => {
    expect(fields('DOB 1984-03-12   MRN 00451234').sort()).toEqual(['birth-date', 'id-number']);
  });
  it('reads burned-in PHI on an X-ray', () => {
    expect(fields('DAVIDSON DOUGLAS [M] 01.09.2012 DOB: 06.16.1976')).toContain('birth-date');
  });
});

describe('English value shapes without a label', () => {
  it.each([
    ['His phone number is 202-555-0121.', 'phone'],
    ['Call (212) 555-1234 today', 'phone'],
    ['+1 202 555 0121', 'phone'],
    ['write to david.johnson@contoso.com', 'email'],
    ['221B Baker Street', 'address'],
    ['1600 Pennsylvania Avenue', 'address'],
    ['Dr. Alex Example', 'name'],
    ['born on 12 March 1984? 12/03/1984', 'birth-date'],
  ])('%s → %s', (text, field) => {
    expect(fields(text)).toContain(field);
  });
});

describe('findings', () => {
  it('carry the line box, a score and a masked snippet', () => {
    const [f] = classifyIdText([line('MRN 00451234', 2)], { thisYear: 2025 });
    expect(f).toMatchObject({ kind: 'id-text', field: 'id-number', box: [10, 70, 144, 24] });
    expect(f?.text).toBe('MRN ••••••34');
    expect(f?.score).toBeGreaterThan(0.5);
  });
  it('never carry the full value of a name', () => {
    const [f] = classifyIdText([line('PATIENT: Jane Sample')], { thisYear: 2025 });
    expect(f?.text).not.toContain('Jane');
    expect(f?.text).not.toContain('Sample');
  });
});
