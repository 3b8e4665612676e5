/**
 * What an MRZ line gives away (names, document number), and which other lines of the card
 * print it. ICAO Doc 9303 specimens (Anna Maria Eriksson, Utopia) and specimen-like lines.
 */
import { describe, expect, it } from 'vitest';
import type { Box } from '../../../src/common/findings';
import { echoesOf, linesEchoing, type MrzEcho } from '../../../src/analysis/id-text/mrz-echoes';
import type { OcrLine } from '../../../src/analysis/id-text/ocr-line';

const names = (...tokens: string[]): MrzEcho[] => tokens.map((token) => ({ field: 'name', token }));
const idNumber = (token: string): MrzEcho => ({ field: 'id-number', token });
const tokens = (mrzLine: string): string[] => echoesOf(mrzLine).map((e) => e.token);

describe('echoesOf: the name line', () => {
  it('reads surname and given names after the document code and state (TD3)', () => {
    // "UTOERIKSSON" is the reading of the line as if it carried no document code.
    expect(echoesOf('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')).toEqual(names('ERIKSSON', 'ANNA', 'MARIA', 'UTOERIKSSON'));
  });

  it('reads the third line of an ID card, which has no document code (TD1)', () => {
    expect(echoesOf('ERIKSSON<<ANNA<MARIA<<<<<<<<<<')).toEqual(names('ERIKSSON', 'ANNA', 'MARIA'));
    expect(tokens('ESPANOLA<ESPANOLA<<CARMEN<<<<<')).toEqual(expect.arrayContaining(['ESPANOLA', 'CARMEN']));
  });

  it('leaves out one- and two-letter parts (initials, the document code)', () => {
    expect(tokens('CRITTENDEN<<LEE<W<<<<<<<<<<<<<')).not.toContain('W');
    expect(tokens('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')).not.toContain('P');
    expect(tokens('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')).not.toContain('');
  });

  it('does not glue a digit of the document code onto the surname', () => {
    expect(tokens('I2UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<')).toEqual(['ERIKSSON', 'ANNA', 'MARIA']);
  });

  it('still reads the names when a speck in the fillers was read as a full stop', () => {
    expect(tokens('P<UTOERIKSSON<<ANNA<MARIA<<<<<.<<<<<<<<<<<<<<')).toEqual(expect.arrayContaining(['ERIKSSON', 'ANNA', 'MARIA']));
  });

  it('also gives the name behind a filler misread as K, L or C', () => {
    // pe_passport-td2.jpg: "<KMARIA"; a second filler read as K: "<KANNA".
    expect(tokens('IKUTOERIKSSON<K<KANNA<KMARIA<KLLLLLLLKKLK')).toEqual(expect.arrayContaining(['ERIKSSON', 'ANNA', 'MARIA']));
    expect(tokens('P<UTOERIKSSON<KANNA<MARIA<<<<<<<<<<<<<<<<<<<')).toEqual(expect.arrayContaining(['KANNA', 'ANNA']));
  });

  it('does not cut the first letter off names that merely start with K, L or C', () => {
    // Names shorter than five letters keep their K, L or C; other letters are never cut.
    expect(tokens('P<UTOERIKSSON<<LENA<<<<<<<<<<<<<<<<<<<<<<<<<')).toEqual(['ERIKSSON', 'LENA', 'UTOERIKSSON']);
    expect(tokens('CRITTENDEN<<LEE<W<<<<<<<<<<<<<')).not.toContain('EE');
  });

  it('takes no names from a line that holds digits', () => {
    // German ID card, first line: "IDD" is the code and state, not a name.
    expect(echoesOf('IDD<<T220001293<<<<<<<<<<<<<<<')).toEqual([idNumber('T22000129')]);
    expect(echoesOf('L898902C36UTO7408122F1204159ZE184226B<<<<<10')).toEqual([idNumber('L898902C3')]);
    expect(echoesOf('7408122F1204159UTO<<<<<<<<<<<6')).toEqual([]);
  });
});

describe('echoesOf: the document number', () => {
  it('reads it after the code and state on the first line of an ID card (TD1)', () => {
    expect(echoesOf('I<UTOD231458907<<<<<<<<<<<<<<<')).toEqual([idNumber('D23145890')]);
  });

  it('drops the fillers of a number shorter than nine characters', () => {
    expect(echoesOf('I<UTOX1234567<7<<<<<<<<<<<<<<<')).toEqual([idNumber('X1234567')]);
    expect(echoesOf('I<UTOAB1234<<<1<<<<<<<<<<<<<<<')).toEqual([idNumber('AB1234')]);
    expect(echoesOf('AB1234<<<1UTO7408122F1204159<<<<<<<<<<<<<<08')).toEqual([idNumber('AB1234')]);
  });

  it('ignores numbers under six characters, which would match too many other lines', () => {
    expect(echoesOf('I<UTOAB123<<<<7<<<<<<<<<<<<<<<')).toEqual([]);
    expect(echoesOf('AB123<<<<7UTO7408122F1204159<<<<<<<<<<<<<<06')).toEqual([]);
  });

  it('does not take a surname for a document number', () => {
    // Old French ID card, first line: code, surname, then digits past the number's place.
    expect(echoesOf('IDFRABERTHIER<<<<<<<<<<<<<<<<<932013').filter((e) => e.field === 'id-number')).toEqual([]);
    // A TD1 name line whose letters could pass for digits misread (S for 5).
    expect(echoesOf('ANDERSSON<<ELSA<<<<<<<<<<<<<<<').filter((e) => e.field === 'id-number')).toEqual([]);
  });
});

const L = (text: string, row: number): OcrLine => ({ text, box: [10, 10 + row * 30, 200, 24] as Box, confidence: 0.9 });
const lines = (...texts: string[]): OcrLine[] => texts.map((t, i) => L(t, i));

describe('linesEchoing', () => {
  const td3 = echoesOf('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<').concat(echoesOf('L898902C36UTO7408122F1204159ZE184226B<<<<<10'));

  it('finds the lines that print a name or the number, whatever their labels, and skips the MRZ', () => {
    const card = lines('Surname', 'Eriksson', 'Given names', 'Anna Maria', 'Passport No. L898902C3', 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
    expect(linesEchoing(card, td3, new Set([5]))).toEqual([
      { index: 1, echo: { field: 'name', token: 'ERIKSSON' } },
      { index: 3, echo: { field: 'name', token: 'ANNA' } },
      { index: 4, echo: idNumber('L898902C3') },
    ]);
  });

  it('matches names with accents, case and punctuation the MRZ leaves out', () => {
    const spanish = echoesOf('ESPANOLA<ESPANOLA<<CARMEN<<<<<');
    expect(linesEchoing(lines('ESPAÑOLA', 'Carmen,'), spanish, new Set()).map((f) => f.index)).toEqual([0, 1]);
    expect(linesEchoing(lines('Anna,'), td3, new Set()).map((f) => f.echo.token)).toEqual(['ANNA']);
  });

  it('does not find a short name inside a longer word', () => {
    expect(linesEchoing(lines('Johanna Berg', 'Annalise', 'MARIANNE'), td3, new Set())).toEqual([]);
  });

  it('finds a name of six letters or more glued to its label or field number', () => {
    const spanish = echoesOf('ESPANOLA<ESPANOLA<<CARMEN<<<<<');
    expect(linesEchoing(lines('NOMBRECARMEN', '1.Eriksson'), spanish.concat(td3), new Set()).map((f) => f.echo.token)).toEqual(['CARMEN', 'ERIKSSON']);
  });

  it('finds the document number printed in groups or glued to other text', () => {
    const id = echoesOf('I<UTOD231458907<<<<<<<<<<<<<<<');
    expect(linesEchoing(lines('D231 45890', 'No.D23145890', 'D2314589'), id, new Set()).map((f) => f.index)).toEqual([0, 1]);
  });

  it('does not match a name across words the way it matches a number', () => {
    // "Ann" + "a" across a space would be ANNA were names read like numbers.
    expect(linesEchoing(lines('Ann Arbor'), td3, new Set())).toEqual([]);
  });
});
