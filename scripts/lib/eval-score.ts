/**
 * Pure scoring for `npm run eval`: turns scan lines plus fixtures/labels.json into the
 * face, ID and metadata tables. The face and ID scores are the colleagues' scorers
 * (scripts/lib/score-faces.ts, scripts/lib/score-ids.ts); this module
 * only selects the cases, scores GPS, and summarises timings.
 */
import type { Box, Finding } from '../../src/common/findings';
import type { ScanOutputLine } from '../../src/scan/scan';
import { falseAlarmRate, matchFaces, recall, scoreFaces, SIZE_BUCKETS, type FaceCase, type FaceScore, type Tally } from './score-faces';
import { scoreIds, type IdLabel, type IdScores, type Prediction } from './score-ids';

/** The parts of a labels.json entry the eval reads (schema: fixtures/SOURCES.md). */
export interface Label extends IdLabel {
  faces?: number;
  face_boxes?: Box[];
  gps?: boolean;
  gps_latlon?: [number, number];
  gps_ifd_present_but_unreadable?: boolean;
  file_type?: string;
  /** An ID, insurance, payment or staff card, a passport or visa (fixtures/SOURCES.md). */
  id_document?: boolean;
  /** No reader can decode the pixels (truncated, corrupt, a raw format): the checks cannot look at it. `null`: not known, not scored. */
  pixels_unreadable?: boolean | null;
}

export type Labels = Record<string, Label>;

/** One line of `npm run scan -- --json`, keyed by its labels.json name. */
export type ScanResult = ScanOutputLine;

export interface GpsScore {
  /** Photos labelled with GPS, and those where a GPS location was reported. */
  withGps: number;
  found: number;
  missed: string[];
  /** Found, but more than `GPS_TOLERANCE_DEG` away from exiftool's position. */
  wrongPlace: string[];
  /** Photos labelled without GPS, and those where a GPS location was reported anyway. */
  withoutGps: number;
  falseAlarms: string[];
}

export interface TimingRow {
  stage: string;
  n: number;
  median: number;
  p90: number;
}

/** Photos with at least `CROWD_MIN_FACES` labelled faces, each scored on its own. */
export interface CrowdScore {
  photos: { file: string; labelled: number; detected: number; found: number }[];
  faces: number;
  found: number;
}

export interface BarcodeScore {
  /** Labelled symbols by format (zxing-cpp's spelling): read when a finding has that format. */
  byFormat: Record<string, Tally>;
  /** Photos labelled `barcode: null` (no symbol), and those where a barcode was reported. */
  withoutCode: number;
  falseAlarms: string[];
}

export interface DocumentScore {
  /** Photos labelled `id_document: true`, and those with an `id-text` or `barcode` finding. */
  documents: number;
  flagged: number;
  missed: string[];
}

export interface UncheckedScore {
  /** Files labelled `pixels_unreadable`, and those the scan said it could not check (an error). */
  unreadable: number;
  told: number;
  silent: string[];
  /** Files labelled readable (not `pixels_unreadable`) that got an error anyway. */
  readable: number;
  wronglyUnchecked: string[];
}

export interface EvalReport {
  images: number;
  errors: { file: string; error: string }[];
  faces: FaceScore;
  crowds: CrowdScore;
  ids: IdScores;
  documents: DocumentScore;
  barcodes: BarcodeScore;
  gps: GpsScore;
  unchecked: UncheckedScore;
  timings: TimingRow[];
}

/** A photo with this many labelled faces or more counts as a crowd. */
export const CROWD_MIN_FACES = 5;

/** Positions from exiftool -n vs ours: rounding of DMS rationals stays far below this. */
export const GPS_TOLERANCE_DEG = 1e-3;

/** Entries that describe a picture (not a sidecar or a barcode's expected text). */
export function imageEntries(labels: Labels): string[] {
  return Object.keys(labels)
    .filter((k) => !labels[k]?.label_file)
    .sort();
}

export function gpsFinding(findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.kind === 'location' && (f.field === 'gps' || f.lat !== undefined));
}

export function scoreGps(results: readonly ScanResult[], labels: Labels): GpsScore {
  const score: GpsScore = { withGps: 0, found: 0, missed: [], wrongPlace: [], withoutGps: 0, falseAlarms: [] };
  for (const r of results) {
    const label = labels[r.file];
    if (!label || label.label_file || label.gps === undefined) continue;
    const hit = gpsFinding(r.findings);
    if (label.gps) {
      score.withGps += 1;
      if (!hit) {
        score.missed.push(r.file);
        continue;
      }
      score.found += 1;
      const want = label.gps_latlon;
      if (want && hit.lat !== undefined && hit.lon !== undefined) {
        if (Math.abs(hit.lat - want[0]) > GPS_TOLERANCE_DEG || Math.abs(hit.lon - want[1]) > GPS_TOLERANCE_DEG) score.wrongPlace.push(r.file);
      }
    } else {
      score.withoutGps += 1;
      if (hit) score.falseAlarms.push(r.file);
    }
  }
  return score;
}

const faceBoxes = (r: ScanResult): Box[] => r.findings.flatMap((f) => (f.kind === 'face' && f.box ? [f.box] : []));

/** Crowds: boxed faces matched one to one; count-only photos score min(detected, labelled). */
export function scoreCrowds(results: readonly ScanResult[], labels: Labels): CrowdScore {
  const score: CrowdScore = { photos: [], faces: 0, found: 0 };
  for (const r of results) {
    const label = labels[r.file];
    if (!label || label.label_file || label.faces === undefined || label.faces < CROWD_MIN_FACES) continue;
    const predicted = faceBoxes(r);
    const boxes = label.face_boxes;
    const found = boxes && boxes.length > 0 ? matchFaces(boxes, predicted).filter(Boolean).length : Math.min(predicted.length, label.faces);
    const labelled = boxes && boxes.length > 0 ? boxes.length : label.faces;
    score.photos.push({ file: r.file, labelled, detected: predicted.length, found });
    score.faces += labelled;
    score.found += found;
  }
  return score;
}

export function scoreBarcodes(results: readonly ScanResult[], labels: Labels): BarcodeScore {
  const score: BarcodeScore = { byFormat: {}, withoutCode: 0, falseAlarms: [] };
  for (const r of results) {
    const label = labels[r.file];
    if (!label || label.label_file) continue;
    const formats = label.barcodes && label.barcodes.length > 0 ? label.barcodes : label.barcode ? [label.barcode] : [];
    const read = new Set(r.findings.flatMap((f) => (f.kind === 'barcode' && f.format ? [f.format] : [])));
    for (const format of new Set(formats)) {
      const tally = (score.byFormat[format] ??= { total: 0, found: 0 });
      tally.total += 1;
      if (!r.error && read.has(format)) tally.found += 1;
    }
    if (label.barcode === null && formats.length === 0) {
      score.withoutCode += 1;
      if (r.findings.some((f) => f.kind === 'barcode')) score.falseAlarms.push(r.file);
    }
  }
  return score;
}

export function scoreDocuments(results: readonly ScanResult[], labels: Labels): DocumentScore {
  const score: DocumentScore = { documents: 0, flagged: 0, missed: [] };
  for (const r of results) {
    if (!labels[r.file]?.id_document) continue;
    score.documents += 1;
    if (r.findings.some((f) => f.kind === 'id-text' || f.kind === 'barcode')) score.flagged += 1;
    else score.missed.push(r.file);
  }
  return score;
}

/** Promise 5: a file whose pixels cannot be looked at is reported as not checked, never as clean. */
export function scoreUnchecked(results: readonly ScanResult[], labels: Labels): UncheckedScore {
  const score: UncheckedScore = { unreadable: 0, told: 0, silent: [], readable: 0, wronglyUnchecked: [] };
  for (const r of results) {
    const label = labels[r.file];
    if (!label || label.label_file || label.pixels_unreadable === null) continue;
    if (label.pixels_unreadable) {
      score.unreadable += 1;
      if (r.error) score.told += 1;
      else score.silent.push(r.file);
    } else {
      score.readable += 1;
      if (r.error) score.wronglyUnchecked.push(r.file);
    }
  }
  return score;
}

/** Nearest-rank percentile of `values` (p in 0..100); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const STAGE_ORDER = ['read', 'metadata', 'decode', 'faces', 'text', 'barcodes', 'total'];

export function timingRows(results: readonly ScanResult[]): TimingRow[] {
  const byStage = new Map<string, number[]>();
  for (const r of results) {
    for (const [stage, ms] of Object.entries(r.timings)) {
      if (typeof ms !== 'number' || !Number.isFinite(ms)) continue;
      const list = byStage.get(stage) ?? [];
      list.push(ms);
      byStage.set(stage, list);
    }
  }
  const rank = (s: string): number => (STAGE_ORDER.includes(s) ? STAGE_ORDER.indexOf(s) : STAGE_ORDER.length);
  return [...byStage.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([stage, ms]) => ({ stage, n: ms.length, median: median(ms), p90: percentile(ms, 90) }));
}

export function evaluate(results: readonly ScanResult[], labels: Labels): EvalReport {
  const faceCases: FaceCase[] = [];
  for (const r of results) {
    const label = labels[r.file];
    if (!label || label.label_file || label.faces === undefined) continue;
    faceCases.push({
      file: r.file,
      label: { faces: label.faces, ...(label.face_boxes ? { face_boxes: label.face_boxes } : {}) },
      predicted: faceBoxes(r),
    });
  }
  const predictions: Prediction[] = results.map((r) => ({ file: r.file, findings: r.findings, ...(r.error && r.findings.length === 0 ? { error: r.error } : {}) }));
  return {
    images: results.length,
    errors: results.flatMap((r) => (r.error ? [{ file: r.file, error: r.error }] : [])),
    faces: scoreFaces(faceCases),
    crowds: scoreCrowds(results, labels),
    ids: scoreIds(predictions, labels),
    documents: scoreDocuments(results, labels),
    barcodes: scoreBarcodes(results, labels),
    gps: scoreGps(results, labels),
    unchecked: scoreUnchecked(results, labels),
    timings: timingRows(results),
  };
}

const pct = (x: number): string => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(0)} %`);
const ms = (x: number): string => (Number.isNaN(x) ? '–' : `${Math.round(x)}`);

/** The report as Markdown tables (what docs/eval.md carries); `faces`: only the faces, times and errors. */
export function formatReport(r: EvalReport, only?: 'faces'): string {
  const out: string[] = [];
  const f = r.faces;
  out.push('### Faces', '', '| face size (labelled boxes) | found / labelled | recall |', '|---|---|---|');
  for (const b of SIZE_BUCKETS) out.push(`| ${b === '>=40' ? '≥ 40 px' : b === '20-40' ? '20–40 px' : '< 20 px'} | ${f.bySize[b].found} / ${f.bySize[b].total} | ${pct(recall(f.bySize[b]))} |`);
  out.push(`| photos with a face count only (min(detected, labelled)) | ${f.countOnly.found} / ${f.countOnly.total} | ${pct(recall(f.countOnly))} |`);
  out.push(`| **false alarms**: photos without faces with any detection | ${f.falseAlarmPhotos} / ${f.noFacePhotos} | ${pct(falseAlarmRate(f))} |`);
  out.push('');
  if (f.falseAlarmFiles.length) out.push(`False alarms: ${f.falseAlarmFiles.join(', ')}`, '');
  if (f.missed.length) {
    const byFile = new Map<string, number>();
    for (const m of f.missed) byFile.set(m.file, (byFile.get(m.file) ?? 0) + 1);
    out.push(`Missed boxes: ${[...byFile].map(([file, n]) => `${file} (${n})`).join(', ')}`, '');
  }
  const c = r.crowds;
  if (c.photos.length) {
    out.push(`### Crowds (photos with ≥ ${CROWD_MIN_FACES} labelled faces)`, '', '| photo | labelled | detected | found |', '|---|---|---|---|');
    for (const p of c.photos) out.push(`| ${p.file} | ${p.labelled} | ${p.detected} | ${p.found} |`);
    out.push(`| **all** | **${c.faces}** | | **${c.found}** (${pct(c.faces ? c.found / c.faces : Number.NaN)}) |`, '');
  }
  if (only !== 'faces') formatOthers(r, out);
  out.push('### Time per check (ms, per photo)', '', '| stage | photos | median | p90 |', '|---|---|---|---|');
  for (const t of r.timings) out.push(`| ${t.stage} | ${t.n} | ${ms(t.median)} | ${ms(t.p90)} |`);
  out.push('');
  if (r.errors.length) {
    out.push(`### Photos with an error (${r.errors.length} of ${r.images})`, '');
    for (const e of r.errors) out.push(`- ${e.file}: ${e.error}`);
    out.push('');
  }
  return out.join('\n');
}

function formatOthers(r: EvalReport, out: string[]): void {
  const i = r.ids;
  out.push('### ID-like text and barcodes', '', '| measure | count | rate |', '|---|---|---|');
  out.push(`| ID-like text found (photos labelled \`id_text\`) | ${i.idTextRecall.count} / ${i.idTextRecall.of} | ${pct(i.idTextRecall.rate)} |`);
  out.push(`| false alarms (photos without ID-like text flagged) | ${i.idTextFalseAlarms.count} / ${i.idTextFalseAlarms.of} | ${pct(i.idTextFalseAlarms.rate)} |`);
  out.push(`| barcodes read (expected format found) | ${i.barcodeRecall.count} / ${i.barcodeRecall.of} | ${pct(i.barcodeRecall.rate)} |`);
  const d = r.documents;
  out.push(`| ID documents flagged (\`id_document\`: ID-like text or a barcode) | ${d.flagged} / ${d.documents} | ${pct(d.documents ? d.flagged / d.documents : Number.NaN)} |`);
  const b = r.barcodes;
  for (const [format, t] of Object.entries(b.byFormat).sort(([x], [y]) => x.localeCompare(y))) out.push(`| … ${format} read | ${t.found} / ${t.total} | ${pct(recall(t))} |`);
  out.push(`| barcode false alarms (photos labelled without a barcode) | ${b.falseAlarms.length} / ${b.withoutCode} | ${pct(b.withoutCode ? b.falseAlarms.length / b.withoutCode : Number.NaN)} |`);
  out.push('');
  if (d.missed.length) out.push(`ID documents not flagged: ${d.missed.join(', ')}`, '');
  if (b.falseAlarms.length) out.push(`Barcode false alarms: ${b.falseAlarms.join(', ')}`, '');
  if (i.idTextRecall.files.length) out.push(`ID text missed: ${i.idTextRecall.files.join(', ')}`, '');
  if (i.idTextFalseAlarms.files.length) out.push(`ID text false alarms: ${i.idTextFalseAlarms.files.join(', ')}`, '');
  if (i.barcodeRecall.files.length) out.push(`Barcodes missed: ${i.barcodeRecall.files.join(', ')}`, '');
  const g = r.gps;
  out.push('### Metadata: GPS', '', '| measure | count |', '|---|---|');
  out.push(`| GPS reported on photos labelled \`gps: true\` | ${g.found} / ${g.withGps} |`);
  out.push(`| … at exiftool's position (± ${GPS_TOLERANCE_DEG}°) | ${g.found - g.wrongPlace.length} / ${g.found} |`);
  out.push(`| GPS reported on photos labelled \`gps: false\` (should be 0) | ${g.falseAlarms.length} / ${g.withoutGps} |`);
  out.push('');
  if (g.missed.length) out.push(`GPS missed: ${g.missed.join(', ')}`, '');
  if (g.wrongPlace.length) out.push(`GPS at another place: ${g.wrongPlace.join(', ')}`, '');
  if (g.falseAlarms.length) out.push(`GPS reported without label: ${g.falseAlarms.join(', ')}`, '');
  const u = r.unchecked;
  out.push('### Files whose pixels could not be checked', '', '| measure | count |', '|---|---|');
  out.push(`| labelled unreadable (\`pixels_unreadable\`), reported as not checked | ${u.told} / ${u.unreadable} |`);
  out.push(`| readable files reported as not checked (should be 0) | ${u.wronglyUnchecked.length} / ${u.readable} |`);
  out.push('');
  if (u.silent.length) out.push(`Unreadable but not reported: ${u.silent.join(', ')}`, '');
  if (u.wronglyUnchecked.length) out.push(`Readable but not checked: ${u.wronglyUnchecked.join(', ')}`, '');
}
