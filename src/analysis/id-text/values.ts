/**
 * Shapes of personal values, judged without a label: e-mail addresses, phone numbers,
 * street addresses, dates that can be birth dates, and national numbers whose check digit
 * holds. Each matcher errs towards silence: a prescription photo full of doses, prices and
 * lot numbers must not light up.
 */
import { isAadhaar, isCardNumber, isMyNumber } from './checksums';
import type { IdField } from './labels';

export interface ValueHit {
  field: IdField;
  start: number;
  end: number;
  /** 0..1: how sure the shape alone makes us. */
  strength: number;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[A-Za-z]{2,}/gu;

// Phone shapes that dosage, dates and prices do not take: an international prefix, a
// bracketed area code, North-American 3-3-4, Japanese 0x-xxxx-xxxx, French 0x xx xx xx xx,
// Indian mobile 5+5.
const PHONE = new RegExp(
  [
    '\\+\\d{1,3}[\\s.-]?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{1,5}(?:[\\s.-]\\d{2,5}){1,4}',
    '\\(\\d{2,4}\\)\\s?\\d{3,4}[\\s.-]\\d{4}',
    '(?<!\\d)\\d{3}[.-]\\d{3}[.-]\\d{4}(?!\\d)',
    '(?<!\\d)0\\d{1,4}-\\d{1,4}-\\d{4}(?!\\d)',
    '(?<!\\d)0[1-9](?:[\\s.]\\d{2}){4}(?!\\d)',
    '(?<!\\d)[6-9]\\d{4}\\s\\d{5}(?!\\d)',
  ].join('|'),
  'g',
);

const EN_STREET =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|square|sq|highway|hwy|parkway|pkwy|crescent|close';
const FR_STREET =
  "rue|avenue|av|boulevard|bd|place|chemin|all[ée]e|impasse|quai|route|cours|faubourg|square|voie";
const ADDRESS = new RegExp(
  [
    // "221B Baker Street", "12 Main St."
    `(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?\\s+(?:[\\p{Lu}][\\p{L}'.-]*\\s+){1,4}(?:${EN_STREET})(?![\\p{L}])`,
    // "12 bis, rue de la Paix"
    `(?<![\\p{L}\\p{N}])\\d{1,4}\\s?(?:bis|ter)?,?\\s+(?:${FR_STREET})\\.?\\s+(?:d[eu']|des|la|l'|du)?\\s?[\\p{L}'-]+`,
    // German streets, as ID cards print them: "HEIDESTR. 17", "Hauptstraße 5a" (not a dose)
    '(?<![\\p{L}])\\p{L}{3,}(?:stra(?:ß|ss)e|str\\.?|platz|allee|gasse)\\s?[.,]?\\s?\\d{1,4}[a-z]?(?![\\p{L}\\p{N}])(?!\\s?(?:mg|ml|mcg|µg|g|kg|iu|%))',
    // Spanish: "C/ MAYOR, 6", "Calle Mayor 6", "Avda. de la Paz, 12"
    '(?<![\\p{L}])(?:C/|calle|avda\\.?|avenida|plaza|pza\\.?|paseo)\\s*(?:[\\p{L}]+\\s){0,3}[\\p{L}]+\\s?,?\\s?\\d{1,4}(?![\\p{N}])',
    // 1丁目2番地, 3-4-5 after a town name, postcode 〒123-4567
    '\\d+\\s?丁目(?:\\s?\\d+\\s?番地?)?(?:\\s?\\d+\\s?号)?',
    '\\d+\\s?番地',
    '〒\\s?\\d{3}-?\\d{4}',
    // Indian PIN code after a place name: "... Delhi 110001", "पिन 110001"
    '(?:PIN|पिन)\\s*(?:code|कोड)?[:\\s-]*\\d{6}',
  ].join('|'),
  'giu',
);

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|d[ée]c(?:embre)?';

// Full dates only (day, month and a four-digit year): a month and year alone is an
// expiry or a period, not a birth date.
export const FULL_DATE = new RegExp(
  [
    '(?<!\\d)\\d{1,2}[./-]\\s?\\d{1,2}[./-]\\s?(?:19|20)\\d{2}(?!\\d)',
    '(?<!\\d)(?:19|20)\\d{2}[./-]\\d{1,2}[./-]\\d{1,2}(?!\\d)',
    `(?<![\\p{L}\\d])\\d{1,2}\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2}(?!\\d)`,
    `(?<![\\p{L}])(?:${MONTHS})\\.?\\s+\\d{1,2},?\\s+(?:19|20)\\d{2}(?!\\d)`,
    '(?:19|20)\\d{2}\\s?年\\s?\\d{1,2}\\s?月\\s?\\d{1,2}\\s?日',
    '(?:明治|大正|昭和|平成|令和|[MTSHR]\\.?)\\s?(?:\\d{1,2}|元)\\s?[年.]\\s?\\d{1,2}\\s?[月.]\\s?\\d{1,2}\\s?日?',
  ].join('|'),
  'giu',
);

/** Any date-like value, looser than FULL_DATE: used only after a birth-date label. */
export const ANY_DATE = new RegExp(
  `${FULL_DATE.source}|\\d{1,4}\\s?[./-]\\s?\\d{1,2}\\s?[./-]\\s?\\d{2,4}|(?:${MONTHS})|\\d{4}`,
  'iu',
);

function hits(re: RegExp, text: string, field: IdField, strength: number): ValueHit[] {
  re.lastIndex = 0;
  return [...text.matchAll(re)].map((m) => ({
    field,
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    strength,
  }));
}

function digitCount(s: string): number {
  return (s.match(/\d/g) ?? []).length;
}

/** Year of a matched full date, for the plausibility check. */
function yearOf(date: string): number | undefined {
  const western = date.match(/(?:19|20)\d{2}/);
  if (western) return Number(western[0]);
  return undefined; // Japanese era dates: the era itself says it is in the past.
}

/**
 * Dates with a year between 1900 and last year can be birth dates; an expiry or a
 * dispensing date (this year or later) is not flagged without a label.
 */
export function birthDateHits(text: string, thisYear: number): ValueHit[] {
  return hits(FULL_DATE, text, 'birth-date', 0.5).filter((h) => {
    const year = yearOf(text.slice(h.start, h.end));
    return year === undefined || (year >= 1900 && year < thisYear);
  });
}

export function phoneHits(text: string): ValueHit[] {
  return hits(PHONE, text, 'phone', 0.8).filter((h) => {
    const n = digitCount(text.slice(h.start, h.end));
    return n >= 9 && n <= 15;
  });
}

export function emailHits(text: string): ValueHit[] {
  return hits(EMAIL, text, 'email', 0.95);
}

export function addressHits(text: string): ValueHit[] {
  return hits(ADDRESS, text, 'address', 0.7);
}

/** 12-digit runs (spaced 4-4-4 or not) whose Aadhaar or My Number check digit holds. */
export function nationalNumberHits(text: string): ValueHit[] {
  const re = /(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
  return hits(re, text, 'id-number', 0.9).filter((h) => {
    const digits = text.slice(h.start, h.end).replace(/\D/g, '');
    return isAadhaar(digits) || isMyNumber(digits);
  });
}

/**
 * Payment card numbers as cards and receipts print them: groups of 4–6 digits (4-4-4-4,
 * Amex 4-6-5, 19 digits as 4-4-4-4-3) with one kind of separator, or 16 digits run
 * together; 13–19 digits in all, passing `isCardNumber`. A random run passes Luhn one time
 * in ten: the grouping and the network range are what keep order and lot numbers out.
 */
const CARD_GROUPED = /(?<![\d-])\d{4,6}(?:( {1,2}|-)\d{4,6})(?:\1\d{4,6}){0,2}\1\d{1,6}(?![\d-])/g;
const CARD_RUN = /(?<!\d)\d{16}(?!\d)/g;

export function cardNumberHits(text: string): ValueHit[] {
  const digitsOf = (h: ValueHit): string => text.slice(h.start, h.end).replace(/\D/g, '');
  return [...hits(CARD_GROUPED, text, 'card-number', 0.9), ...hits(CARD_RUN, text, 'card-number', 0.7)].filter((h) =>
    isCardNumber(digitsOf(h)),
  );
}

/** All unlabelled value shapes in a line. */
export function valueHits(text: string, thisYear: number): ValueHit[] {
  const cards = cardNumberHits(text);
  // Twelve digits inside a card number are the card's, not an Aadhaar or a My Number.
  const outsideCards = (h: ValueHit): boolean => !cards.some((c) => h.start < c.end && c.start < h.end);
  return [
    ...emailHits(text),
    ...phoneHits(text).filter(outsideCards),
    ...addressHits(text),
    ...birthDateHits(text, thisYear),
    ...nationalNumberHits(text).filter(outsideCards),
    ...cards,
  ];
}

// --- Checks of the value after a label ------------------------------------------------

const NOT_NAME_WORDS = new Set([
  'information', 'leaflet', 'instructions', 'instruction', 'record', 'records', 'name', 'number',
  'date', 'card', 'id', 'care', 'services', 'service', 'portal', 'centre', 'center', 'guide',
  'education', 'safety', 'signature', 'the', 'of', 'and', 'for', 'your', 'please', 'here',
  'notice', 'du', 'de', 'la', 'le', 'les', 'des', 'et', 'sur', 'pour', 'avec', 'label', 'sticker',
]);

/** A person's name: 1–5 words of letters, not ordinary lowercase prose. */
export function looksLikeName(value: string): boolean {
  const v = value.replace(/^[\s:：.\-–—|]+/, '').trim();
  if (v.length < 2 || v.length > 60) return false;
  if (/\d{2,}/.test(v)) return false;
  // Japanese and Devanagari names: any run of letters will do.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Devanagari}]{2,}/u.test(v)) {
    return true;
  }
  const words = v.split(/[\s,]+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 1 || words.length > 5) return false;
  if (words.some((w) => NOT_NAME_WORDS.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')))) return false;
  // Names are capitalised ("Jane", "SAMPLE", "O'Neil"); prose is not.
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  const letters = (v.match(/\p{L}/gu) ?? []).length;
  return capitalised >= Math.ceil(words.length / 2) && letters >= 2;
}

/** The value after a birth-date label contains something date-like. */
export function looksLikeDate(value: string): boolean {
  return ANY_DATE.test(value) && digitCount(value) >= 2;
}

/** An identifier: at least four digits, or letters and digits mixed, 4–24 characters. */
export function looksLikeIdNumber(value: string): boolean {
  const token = value.replace(/^[\s:：#.\-–—|]+/, '').trim().split(/\s{2,}/)[0] ?? '';
  const compact = token.replace(/[\s-]/g, '');
  if (compact.length < 4 || compact.length > 24) return false;
  return digitCount(compact) >= 4 && /^[\p{L}\p{N}/.]+$/u.test(compact);
}

export function looksLikePhone(value: string): boolean {
  const n = digitCount(value);
  return n >= 7 && n <= 15 && /^[\s:：+()\d.\-–/]+/.test(value.trim());
}

export function looksLikeAddress(value: string): boolean {
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  if (letters < 3) return false;
  if (/\d/.test(value)) return true;
  // Without a number, places are capitalised ("Mun. Hunedoara"); lowercase words after a
  // label are the rest of a misread label ("Lieu de naissance /Plaee of birih").
  const words = value.trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const capitalised = words.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
  return words.length >= 2 && capitalised >= Math.ceil(words.length / 2);
}

export function looksLikeEmail(value: string): boolean {
  return emailHits(value).length > 0;
}
