/**
 * Machine-readable zones (ICAO 9303): TD1 (3×30, ID cards), TD2 (2×36), TD3 (2×44,
 * passports). An MRZ holds name, birth date and document number, so any line that looks
 * like one is ID-like; the 7-3-1 check digits tell a real MRZ from a line of `<` art.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** OCR reads `<` as these, and `«` usually stands for two fillers. */
const FILLER_LOOKALIKES: Array<[RegExp, string]> = [
  [/«/g, '<<'],
  [/[‹〈＜]/g, '<'],
];

/** Uppercase, fillers unified, spaces dropped: OCR splits MRZ lines at random places. */
export function normalizeMrz(raw: string): string {
  let text = raw.toUpperCase();
  for (const [from, to] of FILLER_LOOKALIKES) text = text.replace(from, to);
  return text.replace(/\s+/g, '');
}

function charValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  return 0; // '<' and anything unreadable count as zero, as the standard says for '<'.
}

/** ICAO 9303 check digit: weights 7, 3, 1 repeating, sum mod 10. */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i += 1) {
    sum += charValue(field.charAt(i)) * ([7, 3, 1][i % 3] ?? 0);
  }
  return sum % 10;
}

/**
 * Letters OCR confuses with digits. Only applied where the standard allows digits only
 * (dates, check digits), so a document number keeps its letters.
 */
const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '1', Z: '2', S: '5', B: '8', G: '6',
};

export function asDigits(field: string): string {
  return field.replace(/[A-Z]/g, (c) => DIGIT_LOOKALIKES[c] ?? c);
}

/** Whether `digit` (one character) is the check digit of `field`. `<` counts as 0. */
function checks(field: string, digit: string | undefined): boolean {
  if (digit === undefined) return false;
  const d = digit === '<' ? '0' : asDigits(digit);
  return /^\d$/.test(d) && Number(d) === mrzCheckDigit(field);
}

/** Number of passing check digits on a data line, by layout; `undefined` if not that layout. */
function tdDataLineChecks(line: string, format: 'TD2' | 'TD3'): number {
  const doc = line.slice(0, 9);
  const dob = asDigits(line.slice(13, 19));
  const exp = asDigits(line.slice(21, 27));
  let ok = 0;
  if (checks(doc, line[9])) ok += 1;
  if (checks(dob, line[19])) ok += 1;
  if (checks(exp, line[27])) ok += 1;
  const last = format === 'TD3' ? 43 : 35;
  const optional = format === 'TD3' ? line.slice(28, 42) : '';
  if (format === 'TD3' && checks(optional, line[42])) ok += 1;
  const composite =
    line.slice(0, 10) + asDigits(line.slice(13, 20)) + asDigits(line.slice(21, 28)) +
    line.slice(28, last);
  if (checks(composite, line[last])) ok += 1;
  return ok;
}

/** TD1 second line: birth date, expiry; the composite needs line 1, checked separately. */
function td1DataLineChecks(line: string): number {
  let ok = 0;
  if (checks(asDigits(line.slice(0, 6)), line[6])) ok += 1;
  if (checks(asDigits(line.slice(8, 14)), line[14])) ok += 1;
  return ok;
}

function td1FirstLineChecks(line: string): number {
  return checks(line.slice(5, 14), line[14]) ? 1 : 0;
}

export interface MrzLineVerdict {
  /** The line has the shape of an MRZ line (alphabet, length, fillers). */
  shaped: boolean;
  /** How many of its check digits hold (0 when the line carries none). */
  checkDigitsOk: number;
  format?: MrzFormat;
}

const MRZ_ALPHABET = /^[A-Z0-9<]+$/;

/** Lengths allow for one or two characters lost or doubled by OCR. */
function nearLength(n: number, target: number): boolean {
  return Math.abs(n - target) <= 2;
}

/**
 * Runs of fillers that OCR read partly as letters: tesseract turns long `<<<<` runs into
 * `LLLKLK`, `<K<K` or `CLCL`, which breaks the length and filler tests, so the very line
 * that carries name, birth date and number went unboxed. A run counts when it holds a
 * real `<` and is made of `<`, K, L, C only (no name or number is written that way).
 */
const FILLER_RUN = /[<KLC]*<[<KLC]*/g;

function repairRun(run: string): string {
  const fillers = (run.match(/</g) ?? []).length;
  // Short runs stay: "<K" in "ANNA<KARIN" is a separator and a name.
  return (run.length >= 4 && fillers >= 2) || run.length >= 6 ? '<'.repeat(run.length) : run;
}

/** A run of real fillers with letters only at its edges. */
const EDGED_RUN = /^([KLC]*)(<+)([KLC]*)$/;
const WORD_CHAR = /[A-Z0-9]/;

export function repairFillers(line: string): string {
  return line.replace(FILLER_RUN, (run: string, at: number) => {
    // One or two K, L or C at the edge of clean fillers, against a letter, end or start that
    // word: KARL<<<, ERICK<<<, <<<<KLAUS. A misread run has letters between its fillers
    // (<K<K) or more of them (LLLKLK<<<).
    const edged = EDGED_RUN.exec(run);
    if (!edged) return repairRun(run);
    const lead = at > 0 && WORD_CHAR.test(line[at - 1]!) && edged[1]!.length <= 2 ? edged[1]! : '';
    const trail = WORD_CHAR.test(line[at + run.length] ?? '') && edged[3]!.length <= 2 ? edged[3]! : '';
    return lead + repairRun(run.slice(lead.length, run.length - trail.length)) + trail;
  });
}

/**
 * A line too long or too short for a clean read, yet unmistakably MRZ: only MRZ
 * characters, a long filler run, and MRZ length give or take the misread fillers.
 */
function looseMrzShape(line: string): boolean {
  const clean = line.replace(/[^A-Z0-9<]/g, '');
  return clean.length >= line.length * 0.9 && clean.length >= 26 && clean.length <= 60 && /<{4,}/.test(clean);
}

/**
 * Judges one OCR line on its own. A line counts as shaped when nearly all characters are
 * MRZ characters, its length is near 30, 36 or 44, and it carries fillers or a document
 * code; data lines without fillers qualify through their check digits.
 */
export function judgeMrzLine(raw: string): MrzLineVerdict {
  const line = repairFillers(normalizeMrz(raw));
  const n = line.length;
  const format: MrzFormat | undefined = nearLength(n, 44)
    ? 'TD3'
    : nearLength(n, 36)
      ? 'TD2'
      : nearLength(n, 30)
        ? 'TD1'
        : undefined;
  if (format === undefined) return { shaped: looseMrzShape(line), checkDigitsOk: 0 };
  const clean = line.replace(/[^A-Z0-9<]/g, '');
  if (clean.length < n * 0.9) return { shaped: false, checkDigitsOk: 0 };
  const fillers = (clean.match(/</g) ?? []).length;
  const documentCode = /^[PIACV][A-Z<][A-Z<]{3}/.test(clean);
  const checkDigitsOk =
    format === 'TD1'
      ? Math.max(td1DataLineChecks(clean), td1FirstLineChecks(clean))
      : tdDataLineChecks(clean, format);
  const shaped = MRZ_ALPHABET.test(clean) &&
    ((fillers >= 2 && clean.includes('<<')) || (documentCode && fillers >= 1) || checkDigitsOk >= 2);
  return { shaped, checkDigitsOk, format };
}

/** TD1 composite check over lines 1 and 2 (the last character of line 2). */
export function td1CompositeOk(line1Raw: string, line2Raw: string): boolean {
  const l1 = normalizeMrz(line1Raw);
  const l2 = normalizeMrz(line2Raw);
  if (l1.length !== 30 || l2.length !== 30) return false;
  const composite = l1.slice(5, 30) + asDigits(l2.slice(0, 7)) + asDigits(l2.slice(8, 15)) +
    l2.slice(18, 29);
  return checks(composite, l2[29]);
}
