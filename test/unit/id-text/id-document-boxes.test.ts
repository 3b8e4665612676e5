/**
 * The boxes of an ID document land on the lines that hold the person's data. The lines
 * are what tesseract.js (PSM 3) returned for the shared fixtures (boxes in picture pixels,
 * texts as read, misreads included), so each case is a layout that left identifiers
 * legible in the protected copy before.
 */
import { describe, expect, it } from 'vitest';
import type { Box, Finding } from '../../../src/common/findings';
import { classifyIdText, type OcrLine } from '../../../src/analysis/id-text/classify-id-text';
import { judgeMrzLine, repairFillers } from '../../../src/analysis/id-text/mrz';
import { echoesOf } from '../../../src/analysis/id-text/mrz-echoes';

const L = (text: string, box: Box, confidence = 0.9): OcrLine => ({ text, box, confidence });
const boxes = (found: Finding[]): Box[] => found.flatMap((f) => (f.box ? [f.box] : []));
const covers = (found: Finding[], line: OcrLine): boolean =>
  boxes(found).some((b) => b[0] <= line.box[0] && b[1] <= line.box[1] && b[0] + b[2] >= line.box[0] + line.box[2] && b[1] + b[3] >= line.box[1] + line.box[3]);

describe('MRZ lines whose fillers OCR read as letters', () => {
  // pe_100_visa-usa.jpg, pe_100_pass-cze.jpg, pe_passport-td2.jpg: first MRZ lines.
  const misread = [
    'VIUSATRAVELER<<HAPPYPERSON<<<LLLLLLLLKLLKLLLLKL',
    'P<CZESPECIMEN<K<VZOR<<CLCLLLLLLLLLLLLLLLLLCLK<K',
    'IKUTOERIKSSON<K<KANNA<KMARIA<KLLLLLLLKKLK',
    'D231458907UT07408122F1204159<<<<<K<K<K6',
  ];
  it.each(misread)('%s is an MRZ line', (text) => {
    expect(judgeMrzLine(text).shaped).toBe(true);
  });

  it('boxes the whole line', () => {
    const mrz = L(misread[0] ?? '', [34, 402, 661, 17], 0);
    expect(boxes(classifyIdText([mrz], { thisYear: 2025 }))).toEqual([mrz.box]);
  });

  it('turns long runs of K, L, C next to fillers into fillers, and leaves names alone', () => {
    expect(repairFillers('MARIA<KLLLLLLLKKLK')).toBe('MARIA<<<<<<<<<<<<<');
    expect(repairFillers('ANNA<KARIN<<')).toBe('ANNA<KARIN<<');
  });

  it('does not take prose or a row of capitals for an MRZ', () => {
    expect(judgeMrzLine('UPON ENDORSEMENT SERVES AS TEMPORARY 1-551 EVIDENCING').shaped).toBe(false);
    expect(judgeMrzLine('CLLLLLLLLKKLLLLLLLLLLLLLLLLLLKLLLLLL').shaped).toBe(false);
  });
});

describe('names and numbers the MRZ repeats', () => {
  it('reads the names and the document number out of MRZ lines', () => {
    expect(echoesOf('P<LUXMAUS<<KETTY<<<<<<<<KKLKLKKLKLKL').map((e) => e.token)).toEqual(expect.arrayContaining(['MAUS', 'KETTY']));
    expect(echoesOf('S998527<<4LUX7806201F110808403060021041<<<96')).toEqual([{ field: 'id-number', token: 'S998527' }]);
    expect(echoesOf('C1USA0223456791EAC9730051220<<')).toEqual([{ field: 'id-number', token: '022345679' }]);
    expect(echoesOf('CRITTENDEN<<LEE<W<<<<<<<<<<<<<').map((e) => e.token)).toEqual(expect.arrayContaining(['CRITTENDEN', 'LEE']));
  });

  it('boxes unlabelled lines that print them (pe_100_pass-lux.jpg, levelled reading)', () => {
    const lines = [
      L('1. Numm/Nom/Surname', [570, 330, 200, 20]),
      L('Maus', [584, 366, 60, 25]),
      L('Ketty', [578, 408, 70, 25]),
      L('$998527', [1051, 371, 96, 27]),
      L('S998527', [1024, 362, 110, 30]),
      L('P<LUXMAUS<<KETTY<<<<<<<<KKLKLKKLKLKLKLLKLKLKKLKLLKLKLKL<LL', [96, 725, 1426, 197], 0.01),
      L('S998527<<4LUX7806201F110808403060021041<<<96', [81, 793, 1445, 192], 0.36),
    ];
    const found = classifyIdText(lines, { thisYear: 2025 });
    for (const i of [1, 2, 4, 5, 6]) expect(covers(found, lines[i] as OcrLine), lines[i]?.text).toBe(true);
  });
});

describe('labels above their values on travel documents', () => {
  it('looks past a line of translated labels to the values (pe_passport-td2.jpg)', () => {
    const lines = [
      L('Primary identifier/ Secondary identifier/ Document No. /', [351, 165, 834, 34], 0.89),
      L('Identifiant primaire ~~ Identlfiant secondaire Numéro de document', [350, 200, 918, 35], 0.74),
      L('ERIKSSON ANNA MARIA D23145890', [367, 242, 801, 30], 0.94),
    ];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(covers(found, lines[2] as OcrLine)).toBe(true);
  });

  it('reads a label line spanning two columns when one label is not known (pe_passport-td3.jpg)', () => {
    const lines = [
      L('Date of Birth/ Date de naissance Personal No / N= persanne/', [471, 389, 687, 22], 0.63),
      L('12 AUGUST/AOUT 74 ZE 184226 B', [481, 419, 631, 24], 0.65),
    ];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(boxes(found)).toContainEqual(lines[1]?.box);
    expect(boxes(found)).not.toContainEqual(lines[0]?.box);
  });

  it('ignores a stray digit after a label (pe_100_id-rou.jpg)', () => {
    const lines = [L('Nume/Nom/Last name ~~ 3', [190, 108, 176, 15], 0.61), L('SAVA', [190, 122, 43, 16], 0.92)];
    expect(boxes(classifyIdText(lines, { thisYear: 2025 }))).toEqual([lines[1]?.box]);
  });

  it('boxes every line of an address, not only its first', () => {
    const lines = [
      L('Domiciliu/Adresse/Address', [190, 232, 160, 12]),
      L('Mun. Hunedoara Jud. Hunedoara', [190, 246, 269, 16]),
      L('Str. Rotarilor nr.78', [190, 264, 171, 16]),
    ];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(covers(found, lines[1] as OcrLine) && covers(found, lines[2] as OcrLine)).toBe(true);
    expect(covers(found, lines[0] as OcrLine)).toBe(false);
  });
});

describe('ID-card fields whose labels are too small to read', () => {
  it('boxes German and Spanish street addresses by their shape', () => {
    const lines = [L('ry v3d HEIDESTR, 17', [10, 17, 164, 18], 0.39), L('C/ MAYOR, 6', [13, 74, 93, 14], 0.83)];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(found.map((f) => f.field)).toEqual(['address', 'address']);
    expect(boxes(found)).toEqual([lines[0]?.box, lines[1]?.box]);
  });

  it('does not take a dose for a street', () => {
    expect(classifyIdText([L('Kingstr 1000 mg', [0, 0, 100, 12])], { thisYear: 2025 })).toEqual([]);
  });

  it('boxes visa case and registration numbers under their labels (pe_100_visa-usa.jpg)', () => {
    const lines = [
      L('IV Case Number', [494, 106, 126, 13], 0.96),
      L('LND200416000201', [494, 125, 142, 15], 0.92),
      L('Registration Number', [521, 149, 119, 13], 0.96),
      L('00000473', [546, 168, 76, 15], 0.96),
    ];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(covers(found, lines[1] as OcrLine)).toBe(true);
    expect(covers(found, lines[3] as OcrLine)).toBe(true);
  });
});

describe('a label line holding the next columns’ headings', () => {
  it('boxes the values below, not the label line (pe_100_visa-usa.jpg)', () => {
    const lines = [L('Birthplace Nationality Marital Status', [355, 231, 286, 17], 0.96), L('GRBR GRBR MAR', [362, 250, 258, 25], 0.93)];
    expect(boxes(classifyIdText(lines, { thisYear: 2025 }))).toEqual([lines[1]?.box]);
  });

  it('takes a place of birth for a place, not a birth date (pe_100_id-rou.jpg)', () => {
    const lines = [L('Loc nastere/Lieu de naissance/Place of birth', [190, 194, 243, 12], 0.49), L('Mun. Hunedoara Jud. Hunedoara', [190, 208, 269, 16], 0.91)];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(found.map((f) => [f.field, f.box])).toEqual([['address', lines[1]?.box]]);
  });
});

describe('a misread label is not an address', () => {
  it('boxes the town under "Lieu de naissance", not the label line read with its last words garbled (browser reading of pe_100_id-rou.jpg)', () => {
    const lines = [L('Loc nastere/Lieu de naissance /Plaee of birih', [188, 198, 250, 14], 0.5), L('Mun. Hunedoara Jud. Hunedoara', [190, 212, 269, 16], 0.91)];
    expect(boxes(classifyIdText(lines, { thisYear: 2025 }))).toEqual([lines[1]?.box]);
  });
});
