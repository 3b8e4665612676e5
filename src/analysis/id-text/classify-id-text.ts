/**
 * Decides which OCR lines carry personal data. Pure: OCR lines in, `id-text` findings
 * out, so every rule is tested in Node with plain strings (test/unit/id-text/).
 *
 * Three kinds of evidence, strongest first: an MRZ line; a printed label followed by a
 * plausible value (on the same line, to its right, or on the line below); a value whose
 * shape alone gives it away (e-mail, phone, street address, past full date, checked
 * national number, "Dr. Firstname Lastname").
 */
import type { Box, Finding } from '../findings';
import { snippet } from '../findings';
import { findLabels, type IdField, type LabelHit } from './labels';
import { maskedSnippet, maskValue } from './mask';
import { judgeMrzLine, normalizeMrz } from './mrz';
import { pickValueLine } from './neighbours';
import type { OcrLine } from './ocr-line';
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

function isBlank(value: string): boolean {
  return value.replace(/[\s:：.\-–—|/_()（）#]+/g, '') === '';
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

function labelledDrafts(lines: OcrLine[], i: number, labels: LabelHit[]): Draft[] {
  const line = lines[i];
  if (!line) return [];
  const drafts: Draft[] = [];
  const personal = labels.filter((l) => l.field !== 'product');
  const allBlank = personal.length > 0 &&
    labels.every((_, k) => isBlank(valueAfter(line.text, labels, k)));
  labels.forEach((label, k) => {
    if (label.field === 'product') return;
    const field = label.field;
    const labelText = line.text.slice(label.start, label.end);
    const value = valueAfter(line.text, labels, k);
    if (!isBlank(value)) {
      if (VALUE_CHECKS[field](value)) {
        drafts.push({ field, box: line.box, text: maskedSnippet(labelText, value, field), score: 0.9 * line.confidence });
      }
      return;
    }
    // Label alone on its line (or followed only by other labels, "Nom / Surname"):
    // the value is printed to its right or on the next line down.
    if (!allBlank) return;
    const j = pickValueLine(lines, i);
    const next = j === undefined ? undefined : lines[j];
    if (!next || findLabels(next.text).length > 0) return;
    if (VALUE_CHECKS[field](next.text)) {
      drafts.push({ field, box: next.box, text: maskedSnippet(labelText, next.text, field), score: 0.85 * next.confidence });
    }
  });
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

export function classifyIdText(lines: OcrLine[], options: ClassifyOptions = {}): Finding[] {
  const thisYear = options.thisYear ?? new Date().getFullYear();
  const drafts: Draft[] = [];
  lines.forEach((line, i) => {
    if (line.text.trim() === '') return;
    const mrz = classifyMrz(line);
    if (mrz) {
      drafts.push(mrz);
      return;
    }
    const labels = findLabels(line.text);
    drafts.push(...labelledDrafts(lines, i, labels), ...shapeDrafts(line, labels, thisYear));
  });
  return dedupe(drafts).map((d) => ({
    kind: 'id-text',
    box: d.box,
    field: d.field,
    text: d.text,
    score: Math.round(Math.max(0, Math.min(1, d.score)) * 100) / 100,
  }));
}
