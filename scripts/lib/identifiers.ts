/**
 * Pure scoring of "can an independent reader still read it": the identifiers labelled in
 * scripts/eval-identifiers.json against what tesseract read in an original and in its
 * protected copy. The reading itself is scripts/lib/tesseract-cli.ts.
 *
 * Matching rule (one place, so the eval doc can quote it):
 * - Text is compared normalised: accents dropped, upper case, only letters and digits kept
 *   (spaces, punctuation and MRZ fillers `<` carry no identity and OCR mangles them most).
 * - An identifier of up to 6 such characters must appear exactly, inside one line read.
 * - A longer one counts as read when some stretch of one line is within an edit distance
 *   of 20 % of its length (≥ 80 % of its characters, in order): a name or MRZ with two
 *   misread letters is still read.
 */

export type IdentifierKind = 'name' | 'birth-date' | 'id-number' | 'address' | 'mrz';

export interface Identifier {
  kind: IdentifierKind;
  text: string;
}

export type IdentifierLabels = Record<string, Identifier[]>;

/** Upper case, no accents, letters and digits only. */
export function normaliseIdentifier(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export const EXACT_UP_TO = 6;
export const MAX_EDIT_SHARE = 0.2;

/**
 * Smallest edit distance between `needle` and any stretch of `hay` (Sellers: the match may
 * start and end anywhere in `hay`).
 */
export function substringDistance(needle: string, hay: string): number {
  const n = needle.length;
  let prev = Array.from({ length: n + 1 }, (_, i) => i);
  let best = prev[n] ?? n;
  for (let j = 1; j <= hay.length; j++) {
    const cur = [0];
    for (let i = 1; i <= n; i++) {
      const cost = needle[i - 1] === hay[j - 1] ? 0 : 1;
      cur[i] = Math.min((prev[i - 1] ?? 0) + cost, (prev[i] ?? 0) + 1, (cur[i - 1] ?? 0) + 1);
    }
    best = Math.min(best, cur[n] ?? n);
    prev = cur;
  }
  return best;
}

/** Whether one of the `lines` read shows `id` (rules in the module comment). */
export function isReadable(id: Identifier, lines: readonly string[]): boolean {
  const needle = normaliseIdentifier(id.text);
  if (needle.length === 0) return false;
  const hays = lines.map(normaliseIdentifier).filter((h) => h.length > 0);
  if (needle.length <= EXACT_UP_TO) return hays.some((h) => h.includes(needle));
  const allowed = Math.floor(needle.length * MAX_EDIT_SHARE);
  return hays.some((h) => substringDistance(needle, h) <= allowed);
}

export interface LeakRow {
  file: string;
  /** Identifiers read in the original (only these can leak). */
  readable: Identifier[];
  /** Of those, still read in the protected copy. */
  leaked: Identifier[];
  /** Labelled identifiers the reader could not read even in the original. */
  unread: number;
  /** Why the file was not scored (no protected copy, undecodable). */
  skipped?: string;
}

export interface LeakScore {
  rows: LeakRow[];
  readable: number;
  leaked: number;
  /** leaked / readable; NaN when nothing was readable. */
  rate: number;
  byKind: Record<IdentifierKind, { readable: number; leaked: number }>;
}

export function scoreLeaks(
  labels: IdentifierLabels,
  reads: ReadonlyMap<string, { original: readonly string[]; copy: readonly string[] } | { skipped: string }>,
): LeakScore {
  const byKind: LeakScore['byKind'] = {
    name: { readable: 0, leaked: 0 }, 'birth-date': { readable: 0, leaked: 0 }, 'id-number': { readable: 0, leaked: 0 },
    address: { readable: 0, leaked: 0 }, mrz: { readable: 0, leaked: 0 },
  };
  const rows: LeakRow[] = [];
  for (const [file, ids] of Object.entries(labels)) {
    if (file.startsWith('_')) continue;
    const read = reads.get(file);
    if (!read) continue;
    if ('skipped' in read) {
      rows.push({ file, readable: [], leaked: [], unread: 0, skipped: read.skipped });
      continue;
    }
    const readable = ids.filter((id) => isReadable(id, read.original));
    const leaked = readable.filter((id) => isReadable(id, read.copy));
    for (const id of readable) byKind[id.kind].readable += 1;
    for (const id of leaked) byKind[id.kind].leaked += 1;
    rows.push({ file, readable, leaked, unread: ids.length - readable.length });
  }
  const readable = rows.reduce((s, r) => s + r.readable.length, 0);
  const leaked = rows.reduce((s, r) => s + r.leaked.length, 0);
  return { rows, readable, leaked, rate: readable === 0 ? Number.NaN : leaked / readable, byKind };
}

/** Markdown for the eval report. */
export function formatLeaks(s: LeakScore, reader: string): string {
  const pct = (x: number): string => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(0)} %`);
  const out = [
    '### ID documents: identifiers still readable in the protected copy',
    '',
    `Reader: ${reader}.`,
    '',
    '| document | readable in original | still readable in copy | which |',
    '|---|---|---|---|',
  ];
  for (const r of s.rows) {
    if (r.skipped) {
      out.push(`| ${r.file} | – | – | skipped: ${r.skipped} |`);
      continue;
    }
    const which = r.leaked.map((id) => `${id.kind}${id.kind === 'mrz' ? '' : ` "${id.text}"`}`).join(', ');
    out.push(`| ${r.file} | ${r.readable.length} | ${r.leaked.length} | ${which} |`);
  }
  out.push(`| **all** | **${s.readable}** | **${s.leaked}** (${pct(s.rate)}) | |`, '');
  out.push('| kind | readable in original | still readable |', '|---|---|---|');
  for (const [kind, k] of Object.entries(s.byKind)) out.push(`| ${kind} | ${k.readable} | ${k.leaked} |`);
  out.push('');
  return out.join('\n');
}
