/**
 * An MRZ repeats what the document prints in its fields: the names and the document
 * number. Once an MRZ line is read, the lines elsewhere on the card that carry those
 * names or that number are the person's data whatever their labels look like (labels are
 * often too small or too faint to read, or printed in a language we do not know).
 */
import { normalizeMrz, repairFillers } from './mrz';
import type { OcrLine } from './ocr-line';

export interface MrzEcho {
  field: 'name' | 'id-number';
  /** Upper case, letters and digits only. */
  token: string;
}

// Document code (its second character is a letter, a filler or, on some cards, a digit) and state.
const DOC_CODE = /^[PIACV][A-Z0-9<][A-Z<]{3}/;

/** Names and document numbers an MRZ line gives away. */
export function echoesOf(mrzLine: string): MrzEcho[] {
  const line = repairFillers(normalizeMrz(mrzLine)).replace(/[^A-Z0-9<]/g, '');
  const out: MrzEcho[] = [];
  if (line.includes('<<') && /^[A-Z<]+$/.test(line.replace(DOC_CODE, ''))) {
    // Name line: "P<UTOERIKSSON<<ANNA<MARIA" (TD2/TD3, after the code and state) or
    // "ERIKSSON<<ANNA<MARIA" (TD1 third line).
    // "CRITTENDEN<<LEE" also looks like a code and state ("CRITT"): take both readings.
    const readings = DOC_CODE.test(line) ? [line.slice(5), line] : [line];
    const tokens = new Set<string>();
    for (const part of readings.flatMap((r) => r.split('<'))) {
      if (!/^[A-Z]{3,}$/.test(part)) continue;
      tokens.add(part);
      // A filler misread as K, L or C sticks to the name that follows it ("<KMARIA").
      if (/^[KLC]/.test(part) && part.length >= 5) tokens.add(part.slice(1));
    }
    for (const token of tokens) out.push({ field: 'name', token });
  }
  if (DOC_CODE.test(line) && /\d/.test(line.slice(5, 14))) {
    // TD1 first line: the document number follows the code and state.
    const doc = line.slice(5, 14).replace(/</g, '');
    if (doc.length >= 6) out.push({ field: 'id-number', token: doc });
  } else if (/^[A-Z0-9<]{9}[0-9<][A-Z0-9<]{3}[0-9OQDIZSB]{6}/.test(line)) {
    // TD2/TD3 second line starts with the document number and its check digit.
    const doc = line.slice(0, 9).replace(/</g, '');
    if (doc.length >= 6) out.push({ field: 'id-number', token: doc });
  }
  return out;
}

const normal = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Indexes of lines (other than MRZ lines) that print one of the echoes, with the echo. */
export function linesEchoing(lines: readonly OcrLine[], echoes: readonly MrzEcho[], skip: ReadonlySet<number>): Array<{ index: number; echo: MrzEcho }> {
  const found: Array<{ index: number; echo: MrzEcho }> = [];
  lines.forEach((line, index) => {
    if (skip.has(index)) return;
    const words = line.text.split(/\s+/).map(normal);
    const whole = normal(line.text);
    const echo = echoes.find((e) =>
      e.field === 'id-number' ? whole.includes(e.token) : words.some((w) => w === e.token || (e.token.length >= 6 && w.includes(e.token))));
    if (echo) found.push({ index, echo });
  });
  return found;
}
