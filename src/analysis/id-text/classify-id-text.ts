/**
 * Decides which OCR lines carry personal data. Pure: OCR lines in, `id-text` findings
 * out, so every rule is tested in Node with plain strings (test/unit/id-text/).
 *
 * Three kinds of evidence, strongest first: an MRZ line; a printed label followed by a
 * plausible value (on the same line, to its right, or on the line below); a value whose
 * shape alone gives it away (e-mail, phone, street address, past full date, checked
 * national number, "Dr. Firstname Lastname").
 */
import type { Box, Finding } from '../../common/findings';
import { snippet } from '../../common/findings';
import { findLabels, type IdField, type LabelHit } from './labels';
import { maskedSnippet, maskValue } from './mask';
import { judgeMrzLine, normalizeMrz } from './mrz';
import { echoesOf, linesEchoing } from './mrz-echoes';
import { continuationLine, pickValueLine } from './neighbours';
import { joinCjkSpaces, type OcrLine } from './ocr-line';
import {
  looksLikeAddress, looksLikeDate, looksLikeEmail, looksLikeIdNumber, looksLikeName,
  looksLikePhone, valueHits,
} from './values';

export type { OcrLine } from './ocr-line';

export interface ClassifyOptions {
  /** For telling past dates (birth dates) from expiry dates; defaults to the clock. */
  thisYear?: number;
}

const VALUE_CHECKS: Record<IdField, (value: string) => boolean> = {
  name: looksLikeName,
  'birth-date': looksLikeDate,
  'id-number': looksLikeIdNumber,
  'card-number': looksLikeIdNumber,
  phone: looksLikePhone,
  email: looksLikeEmail,
  address: looksLikeAddress,
  mrz: () => true,
};

// A name after a title is a name even without a label ("Dr. Alex Example").
const TITLED_NAME =
  /(?<![\p{L}])(?:Dr|Mr|Mrs|Ms|Mx|Prof|Mme|Mlle|M)\.?\s+\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}\.?)?\s+\p{Lu}[\p{L}'-]+/gu;
// Japanese names with the honorific 様 / 殿 on prescriptions and letters.
const HONORIFIC_NAME = /[\p{Script=Han}\p{Script=Katakana}]{2,}\s?[\p{Script=Han}\p{Script=Katakana}]*\s?(?:様|殿)/gu;

/** Text between a label and the next label, without separators. */
function valueAfter(text: string, labels: LabelHit[], index: number): string {
  const label = labels[index];
  if (!label) return '';
  const next = labels[index + 1];
  return text.slice(label.end, next ? next.start : text.length);
}

// Headings of the other fields of a card, printed on the same label line ("Birthplace
// Nationality Marital Status"): after a label they are the next column's label, not its value.
const HEADING_WORDS = new Set([
  'nationality', 'nationalité', 'nationalite', 'sex', 'sexe', 'gender', 'marital', 'status', 'type', 'code', 'country',
  'category', 'authority', 'autorité', 'autorite', 'height', 'taille', 'signature', 'issuing', 'post', 'valid', 'until',
  'of', 'du', 'de', 'la', 'pays', 'state', 'iv', 'no', 'n°',
]);

function isBlank(value: string): boolean {
  const rest = value.replace(/[\s:：.\-–—|/_()（）#]+/g, ' ').trim();
  return rest === '' || rest.split(' ').every((w) => HEADING_WORDS.has(w.toLowerCase()));
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

interface Draft {
  field: IdField;
  box: Box;
  text: string;
  score: number;
}

function classifyMrz(line: OcrLine): Draft | undefined {
  const verdict = judgeMrzLine(line.text);
  if (!verdict.shaped) return undefined;
  return {
    field: 'mrz',
    box: line.box,
    text: snippet(maskValue(normalizeMrz(line.text), 'mrz')),
    // Check digits that hold leave no doubt; a shaped line without them is still an MRZ
    // misread by OCR more often than anything else.
    score: verdict.checkDigitsOk > 0 ? 0.98 : 0.75,
  };
}

/** `value` fits `field`, whole or (under a label spanning columns) one of its words. */
function fits(field: IdField, value: string): boolean {
  if (VALUE_CHECKS[field](value)) return true;
  return field !== 'address' && value.trim().split(/\s+/).some((word) => VALUE_CHECKS[field](word));
}

/** Two digits make a number: a lone digit after a label is a field number or OCR noise. */
const hasNumber = (s: string): boolean => (s.match(/\d/g) ?? []).length >= 2;

/** A line of labels only (a translation line under "Surname/", "Nom"), no value. */
function labelsOnly(text: string): boolean {
  const labels = findLabels(text);
  return labels.length > 0 && labels.every((_, k) => !hasNumber(valueAfter(text, labels, k))) && !hasNumber(text.slice(0, labels[0]?.start ?? 0));
}

/** Union of two boxes. */
function joinBoxes(a: Box, b: Box): Box {
  const x = Math.min(a[0], b[0]);
  const y = Math.min(a[1], b[1]);
  return [x, y, Math.max(a[0] + a[2], b[0] + b[2]) - x, Math.max(a[1] + a[3], b[1] + b[3]) - y];
}

/** An address goes on over the lines under it; a box on its first line alone leaves the street. */
function wholeValueBox(lines: OcrLine[], j: number, field: IdField): Box | undefined {
  const first = lines[j];
  if (!first) return undefined;
  let box = first.box;
  if (field !== 'address') return box;
  let at = j;
  for (let n = 0; n < 3; n += 1) {
    const k = continuationLine(lines, at);
    const next = k === undefined ? undefined : lines[k];
    if (!next || k === undefined || findLabels(next.text).length > 0) break;
    box = joinBoxes(box, next.box);
    at = k;
  }
  return box;
}

/** The line holding the value for the label line `i`, looking past a line of translated labels. */
function valueLine(lines: OcrLine[], i: number): number | undefined {
  const j = pickValueLine(lines, i);
  const next = j === undefined ? undefined : lines[j];
  if (j === undefined || !next || !labelsOnly(next.text)) return j;
  const k = pickValueLine(lines, j);
  return k === i ? undefined : k;
}

function labelledDrafts(lines: OcrLine[], i: number, labels: LabelHit[]): Draft[] {
  const line = lines[i];
  if (!line) return [];
  const drafts: Draft[] = [];
  labels.forEach((label, k) => {
    if (label.field === 'product') return;
    const field = label.field;
    const value = valueAfter(line.text, labels, k);
    if (!isBlank(value) && VALUE_CHECKS[field](value)) {
      const box = wholeValueBox(lines, i, field) ?? line.box;
      drafts.push({ field, box, text: maskedSnippet(line.text.slice(label.start, label.end), value, field), score: 0.9 * line.confidence });
    }
  });
  if (drafts.length > 0) return drafts;
  // No value on the label's own line (a card prints "Surname / Nom" small above the name;
  // a label line can hold several columns' labels): the value is the line below or to the
  // right. What follows a label on its line may be the next label's words misread, so a
  // digit-free remainder does not stop the search; a number there is a value we rejected.
  if (!labelsOnly(line.text)) return [];
  const j = valueLine(lines, i);
  const next = j === undefined ? undefined : lines[j];
  if (j === undefined || !next || findLabels(next.text).length > 0) return [];
  const fields = [...new Set(labels.flatMap((l) => (l.field === 'product' ? [] : [l.field])))];
  for (const field of fields) {
    if (!fits(field, next.text)) continue;
    const label = labels.find((l) => l.field === field);
    const labelText = label ? line.text.slice(label.start, label.end) : '';
    drafts.push({ field, box: wholeValueBox(lines, j, field) ?? next.box, text: maskedSnippet(labelText, next.text, field), score: 0.85 * next.confidence });
  }
  return drafts;
}

function shapeDrafts(line: OcrLine, labels: LabelHit[], thisYear: number): Draft[] {
  // Numbers after a product label (LOT, EXP, GTIN, price) belong to the product.
  const productZones = labels
    .map((l, k) => ({ l, k }))
    .filter(({ l }) => l.field === 'product')
    .map(({ l, k }) => ({ start: l.start, end: labels[k + 1]?.start ?? line.text.length }));
  const drafts: Draft[] = [];
  for (const hit of valueHits(line.text, thisYear)) {
    if (productZones.some((z) => overlaps(z, hit))) continue;
    const value = line.text.slice(hit.start, hit.end);
    drafts.push({ field: hit.field, box: line.box, text: maskedSnippet('', value, hit.field), score: hit.strength * line.confidence });
  }
  for (const re of [TITLED_NAME, HONORIFIC_NAME]) {
    re.lastIndex = 0;
    for (const m of line.text.matchAll(re)) {
      const title = m[0].match(/^\S+/)?.[0] ?? '';
      const rest = re === TITLED_NAME ? m[0].slice(title.length) : m[0];
      drafts.push({
        field: 'name',
        box: line.box,
        text: maskedSnippet(re === TITLED_NAME ? title : '', rest, 'name'),
        score: 0.6 * line.confidence,
      });
    }
  }
  return drafts;
}

/** Words a card prints that are not its holder's name. */
const CARD_WORDS =
  /(?<![A-Z])(?:VALID|THRU|THROUGH|GOOD|FROM|EXPIRES?|EXP|MONTH|YEAR|DEBIT|CREDIT|VISA|MASTERCARD|MAESTRO|AMEX|AMERICAN|EXPRESS|DISCOVER|JCB|UNIONPAY|BANK|PLATINUM|GOLD|CLASSIC|STANDARD|BUSINESS|CORPORATE|MEMBER|SINCE|ELECTRONIC|USE|ONLY|CARD|PREPAID|CONTACTLESS|WORLD|SIGNATURE|INFINITE|PREMIER|REWARDS|AUTHORIZED|NOT|TRANSFERABLE)(?![A-Z])/;
/** A holder's name as cards emboss it: two to four capitalised words, nothing else. */
const EMBOSSED_NAME = /^[A-Z][A-Z.'-]*(?:\s+[A-Z][A-Z.'-]*){1,3}$/;

/**
 * The holder's name under a card number (cards print it one to three lines below, after
 * "VALID THRU"), unlabelled: a name on the card next to its number is the person's.
 */
function cardholderDrafts(lines: OcrLine[], i: number): Draft[] {
  const card = lines[i];
  if (!card || !(card.box[2] > 0 && card.box[3] > 0)) return [];
  const [x, y, w, h] = card.box;
  const drafts: Draft[] = [];
  lines.forEach((cand, j) => {
    const [cx, cy, cw, ch] = cand.box;
    const text = cand.text.trim();
    if (j === i || !(cw > 0 && ch > 0) || !EMBOSSED_NAME.test(text) || CARD_WORDS.test(text) || !looksLikeName(text)) return;
    const below = cy >= y + h * 0.5 && cy - (y + h) <= h * 4;
    const under = cx >= x - h * 2 && cx <= x + w;
    if (below && under) drafts.push({ field: 'name', box: cand.box, text: maskedSnippet('', text, 'name'), score: 0.8 * cand.confidence });
  });
  return drafts;
}

/** One finding per field and box: the strongest evidence wins. */
function dedupe(drafts: Draft[]): Draft[] {
  const best = new Map<string, Draft>();
  for (const d of drafts) {
    const key = `${d.field}|${d.box.join(',')}`;
    const prev = best.get(key);
    if (!prev || d.score > prev.score) best.set(key, d);
  }
  return [...best.values()];
}

export function classifyIdText(read: OcrLine[], options: ClassifyOptions = {}): Finding[] {
  const lines = read.map((line) => ({ ...line, text: joinCjkSpaces(line.text) }));
  const thisYear = options.thisYear ?? new Date().getFullYear();
  const drafts: Draft[] = [];
  const mrzLines = new Set<number>();
  lines.forEach((line, i) => {
    if (line.text.trim() === '') return;
    const mrz = classifyMrz(line);
    if (mrz) {
      drafts.push(mrz);
      mrzLines.add(i);
      return;
    }
    const labels = findLabels(line.text);
    const shaped = shapeDrafts(line, labels, thisYear);
    drafts.push(...labelledDrafts(lines, i, labels), ...shaped);
    if (shaped.some((d) => d.field === 'card-number')) drafts.push(...cardholderDrafts(lines, i));
  });
  // Where the MRZ was read, the names and number it holds are hidden wherever else they
  // are printed, labelled or not.
  const echoes = [...mrzLines].flatMap((i) => echoesOf(lines[i]?.text ?? ''));
  for (const { index, echo } of linesEchoing(lines, echoes, mrzLines)) {
    const line = lines[index];
    if (line) drafts.push({ field: echo.field, box: line.box, text: maskedSnippet('', line.text, echo.field), score: 0.8 * Math.max(0.5, line.confidence) });
  }
  return dedupe(drafts).map((d) => ({
    kind: 'id-text',
    box: d.box,
    field: d.field,
    text: d.text,
    score: Math.round(Math.max(0, Math.min(1, d.score)) * 100) / 100,
  }));
}
