import { describe, expect, it } from 'vitest';
import { asDigits, judgeMrzLine, mrzCheckDigit, normalizeMrz, repairFillers, td1CompositeOk } from '../../../src/analysis/id-text/mrz';
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
  it('counts unreadable characters as zero, like fillers', () => {
    expect(mrzCheckDigit('74.8Ä2')).toBe(mrzCheckDigit('74<8<2'));
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

describe('judgeMrzLine: each check digit on its own', () => {
  // The composite covers the other fields, so one wrong digit fails its own check and the composite.
  it('counts a wrong document-number, expiry or personal-number check digit as failed', () => {
    expect(judgeMrzLine('L898902C37UTO7408122F1204159ZE184226B<<<<<10').checkDigitsOk).toBe(3);
    expect(judgeMrzLine('L898902C36UTO7408122F1204158ZE184226B<<<<<10').checkDigitsOk).toBe(3);
    expect(judgeMrzLine('L898902C36UTO7408122F1204159ZE184226B<<<<<20').checkDigitsOk).toBe(3);
  });
  it('verifies a second passport, so the composite is not right by chance', () => {
    expect(judgeMrzLine('AB1234<<<1UTO7408122F1204159<<<<<<<<<<<<<<08')).toEqual({ shaped: true, checkDigitsOk: 5, format: 'TD3' });
  });
  it('takes a filler for the check digit of an empty personal number as 0', () => {
    expect(judgeMrzLine('L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8').checkDigitsOk).toBe(5);
  });
  it('counts a wrong birth-date check digit on the second line of an ID card as failed', () => {
    expect(judgeMrzLine('7408121F1204159UTO<<<<<<<<<<<6')).toEqual({ shaped: true, checkDigitsOk: 1, format: 'TD1' });
  });
  it('checks the document number of another ID card (German ID, first line)', () => {
    expect(judgeMrzLine('IDD<<T220001293<<<<<<<<<<<<<<<')).toEqual({ shaped: true, checkDigitsOk: 1, format: 'TD1' });
    expect(judgeMrzLine('IDD<<T220001294<<<<<<<<<<<<<<<').checkDigitsOk).toBe(0);
  });
});

describe('judgeMrzLine: shape', () => {
  it('takes a line with two characters lost or a stray speck for its format', () => {
    expect(judgeMrzLine('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<').format).toBe('TD3');
    expect(judgeMrzLine('P<UTOERIKSSON<<ANNA<MARIA<<<<<.<<<<<<<<<<<<<<')).toMatchObject({ shaped: true, format: 'TD3' });
  });
  it('takes a name line by its double filler alone (no code, no check digits)', () => {
    expect(judgeMrzLine('MUSTERMANN<<ERIKA<<<<<<<<<<<<<')).toEqual({ shaped: true, checkDigitsOk: 0, format: 'TD1' });
  });
  it('takes a name line whose fillers were all read as K and L by its document code', () => {
    expect(judgeMrzLine('P<UTOERIKSSONKANNAKMARIAKLLLLLLLLLLLLLLLLLL').shaped).toBe(true);
  });
  it('takes a data line without fillers by its check digits', () => {
    expect(judgeMrzLine('7408122F1204159UTOZE184226B120')).toEqual({ shaped: true, checkDigitsOk: 2, format: 'TD1' });
  });
  it('does not take words between single fillers for an MRZ', () => {
    expect(judgeMrzLine('THE<QUICK<BROWN<FOX<JUMPS<OVER').shaped).toBe(false);
    expect(judgeMrzLine('THEQUICKBROWNFOXJUMPSOVERTHELAZYDOG<AGAINXYZ').shaped).toBe(false);
    expect(judgeMrzLine('THE<QUICK<BROWN<FOX<JUMPS<OVER<THE<LAZY<DOG<AGAIN').shaped).toBe(false);
  });
  it('needs nine characters in ten to be MRZ characters', () => {
    expect(judgeMrzLine('P<UTOERIKSSON-.-ANNA-.-MARIA-.-<<<<<<<<<<<<<')).toEqual({ shaped: false, checkDigitsOk: 0 });
    expect(judgeMrzLine('ERIKSSON<<ANNA<MARIA<<<<<<<...').shaped).toBe(true); // 27 of 30
    expect(judgeMrzLine('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<.....<').shaped).toBe(true); // 45 of 50
    expect(judgeMrzLine('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<......').shaped).toBe(false); // 44 of 50
  });
  it('takes lines that lost or gained many fillers, from 26 to 60 characters', () => {
    expect(judgeMrzLine('ERIKSSON<<ANNA<MARIA<<<<<<').shaped).toBe(true);
    expect(judgeMrzLine('ERIKSSON<<ANNA<MARIA<<<<<').shaped).toBe(false);
    expect(judgeMrzLine(`P<UTOERIKSSON<<ANNA<MARIA${'<'.repeat(35)}`).shaped).toBe(true);
    expect(judgeMrzLine(`P<UTOERIKSSON<<ANNA<MARIA${'<'.repeat(36)}`).shaped).toBe(false);
    expect(judgeMrzLine('P<UTOERIKSSON<<ANNA<MARIA<<<<<.<<<<<<<<<<<<<<<<<<<<<<').shaped).toBe(true);
  });
});

describe('repairFillers', () => {
  it('turns a run of four with two fillers, or any run of six, into fillers', () => {
    expect(repairFillers('ERIKSSON<K<KANNA')).toBe('ERIKSSON<<<<ANNA');
    expect(repairFillers('MARIA<KLLLL')).toBe('MARIA<<<<<<');
  });
  it('leaves names around a single filler alone', () => {
    expect(repairFillers('BLACK<CLARA<<')).toBe('BLACK<CLARA<<');
  });
  it('names that end or start with K, L or C keep those letters beside clean fillers', () => {
    expect(repairFillers('P<UTOKARL<<<<<<<<<<')).toBe('P<UTOKARL<<<<<<<<<<');
    expect(repairFillers('ERIK<<KARL<MICHAEL<<<')).toBe('ERIK<<KARL<MICHAEL<<<');
    expect(repairFillers('PATRICK<<<<<<')).toBe('PATRICK<<<<<<');
    expect(repairFillers('ERIKSSON<<<<<<KLAUS')).toBe('ERIKSSON<<<<<<KLAUS');
    expect(repairFillers('KLAUS<<<<<<<<')).toBe('KLAUS<<<<<<<<');
  });
  it('a run with a letter between two fillers is short: a separator, kept; from four with two fillers it is fillers', () => {
    expect(repairFillers('ANNA<K<MARIA')).toBe('ANNA<K<MARIA');
    expect(repairFillers('ANNA<K<<MARIA')).toBe('ANNA<<<<MARIA');
  });
  it('but a long letter run beside fillers, or letters between them, is misread fillers', () => {
    expect(repairFillers('MARIALLLKLK<<<')).toBe('MARIA<<<<<<<<<');
    expect(repairFillers('ERIKSSON<K<KANNA')).toBe('ERIKSSON<<<<ANNA');
    // At the start of the line there is no word for edge letters to belong to.
    expect(repairFillers('KL<<<<ANNA')).toBe('<<<<<<ANNA');
  });
});

describe('td1CompositeOk', () => {
  const germanId = ['IDD<<T220001293<<<<<<<<<<<<<<<', '8308126F3107313D<<<<<<<<<<<<<2'];
  it('verifies the composite of another ID card and tolerates O for 0 in the dates', () => {
    expect(td1CompositeOk(germanId[0] ?? '', germanId[1] ?? '')).toBe(true);
    expect(td1CompositeOk(TD1[0] ?? '', '74O8122F12O4159UTO<<<<<<<<<<<6')).toBe(true);
  });
  it('does not vouch for lines that are not 30 characters long', () => {
    expect(td1CompositeOk(`${TD1[0] ?? ''}<`, TD1[1] ?? '')).toBe(false);
    expect(td1CompositeOk(TD1[0] ?? '', `${TD1[1] ?? ''}<`)).toBe(false);
  });
});
