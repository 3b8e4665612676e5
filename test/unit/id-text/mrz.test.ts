import { describe, expect, it } from 'vitest';
import { asDigits, judgeMrzLine, mrzCheckDigit, normalizeMrz, td1CompositeOk } from '../../../src/analysis/id-text/mrz';
import { fields } from './helpers';

// ICAO Doc 9303 specimens (Anna Maria Eriksson, Utopia).
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

describe('mrzCheckDigit (7-3-1)', () => {
  it('matches the ICAO specimen check digits', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
    expect(mrzCheckDigit('D23145890')).toBe(7);
  });
  it('counts fillers as zero', () => {
    expect(mrzCheckDigit('<<<<')).toBe(0);
    expect(mrzCheckDigit('A<<')).toBe(mrzCheckDigit('A00'));
  });
});

describe('judgeMrzLine', () => {
  it('verifies every check digit of the TD3 data line', () => {
    expect(judgeMrzLine(TD3[1] ?? '')).toEqual({ shaped: true, checkDigitsOk: 5, format: 'TD3' });
  });
  it('takes the TD3 name line by its shape', () => {
    const v = judgeMrzLine(TD3[0] ?? '');
    expect(v.shaped).toBe(true);
    expect(v.format).toBe('TD3');
  });
  it('verifies the TD2 data line', () => {
    expect(judgeMrzLine(TD2[1] ?? '')).toMatchObject({ shaped: true, checkDigitsOk: 4, format: 'TD2' });
  });
  it('verifies TD1 lines and the composite digit', () => {
    expect(judgeMrzLine(TD1[0] ?? '').checkDigitsOk).toBe(1);
    expect(judgeMrzLine(TD1[1] ?? '').checkDigitsOk).toBe(2);
    expect(judgeMrzLine(TD1[2] ?? '').shaped).toBe(true);
    expect(td1CompositeOk(TD1[0] ?? '', TD1[1] ?? '')).toBe(true);
  });
  it('tolerates O for 0 in numeric fields (OCR confusion)', () => {
    const misread = 'L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O';
    expect(judgeMrzLine(misread).checkDigitsOk).toBe(5);
    expect(asDigits('74O8I2')).toBe('740812');
  });
  it('tolerates spaces and « for fillers', () => {
    expect(normalizeMrz('P<UTO ERIKSSON«ANNA<MARIA')).toBe('P<UTOERIKSSON<<ANNA<MARIA');
    expect(judgeMrzLine('L898902C36 UTO7408122F1204159 ZE184226B<<<<<10').checkDigitsOk).toBe(5);
  });
  it('fails a check digit when a date digit changes', () => {
    expect(judgeMrzLine('L898902C36UTO7408132F1204159ZE184226B<<<<<10').checkDigitsOk).toBeLessThan(5);
  });
  it('rejects ordinary long lines', () => {
    expect(judgeMrzLine('THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AGAIN').shaped).toBe(false);
    expect(judgeMrzLine('<<<<<<').shaped).toBe(false);
    expect(judgeMrzLine('Take 2 tablets by mouth twice daily with food ok').shaped).toBe(false);
  });
});

describe('classifyIdText on MRZ lines', () => {
  it('reports each TD3 line as mrz', () => {
    expect(fields(...TD3)).toEqual(['mrz', 'mrz']);
  });
  it('reports TD1 and TD2 lines', () => {
    expect(fields(...TD1)).toEqual(['mrz', 'mrz', 'mrz']);
    expect(fields(...TD2)).toEqual(['mrz', 'mrz']);
  });
});
