/**
 * Pure scoring of "does a second face detector still find the faces": what an independent
 * detector (OpenCV's Haar cascades, scripts/lib/face-reader.ts) finds in each labelled face
 * photo and in its protected copy, against labels.json's `face_boxes`.
 *
 * Matching rule (one place, so the eval doc can quote it): a detection matches a labelled
 * face when their IoU is ≥ 0.3, one to one, best overlaps first. No centre rule here: the
 * detector's boxes are tight squares, and the point is to tell real faces from false
 * detections.
 */
import type { Box } from '../../src/common/findings';
import type { Label, Labels } from './eval-score';

export const READER_MATCH_IOU = 0.3;

/** The face photos this part scores: labelled with at least one face, in the faces/ folder. */
export function facePhotos(labels: Labels): string[] {
  return Object.keys(labels)
    .filter((k) => k.startsWith('faces/') && !labels[k]?.label_file && (labels[k]?.faces ?? 0) > 0)
    .sort();
}

export interface ReaderBox {
  box: Box;
  /** Which cascade saw it: frontal, or profile (either side). */
  cascade: string;
}

/** One picture as the detector saw it. */
export type ReaderRead = { width: number; height: number; boxes: ReaderBox[] } | { error: string };

export function iou(a: Box, b: Box): number {
  const iw = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const ih = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = iw * ih;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

/** One-to-one matching, best IoU first: for each of `a`, the index of its match in `b` or -1. */
export function matchBoxes(a: readonly Box[], b: readonly Box[], min = READER_MATCH_IOU): number[] {
  const pairs: { i: number; j: number; q: number }[] = [];
  a.forEach((x, i) => b.forEach((y, j) => {
    const q = iou(x, y);
    if (q >= min) pairs.push({ i, j, q });
  }));
  pairs.sort((p, q) => q.q - p.q);
  const match = a.map(() => -1);
  const used = new Set<number>();
  for (const { i, j } of pairs) {
    if (match[i] !== -1 || used.has(j)) continue;
    match[i] = j;
    used.add(j);
  }
  return match;
}

/** What a detection left in the protected copy lies on. */
export type Remaining = ReaderBox & { on: 'labelled face' | 'detection in original' | 'new' };

export interface FaceOutcomeRow {
  file: string;
  /** Labelled faces: the boxes' count, or the label's count when there are no boxes. */
  labelled: number;
  hasBoxes: boolean;
  original: ReaderBox[];
  /** Of `original`, detections matching a labelled box (only with boxes). */
  originalOnLabels: number;
  copy: Remaining[];
  /** Labelled faces found in the original and still found in the copy. */
  stillFoundLabelled: number;
  skipped?: string;
}

export interface FaceOutcome {
  rows: FaceOutcomeRow[];
  photos: number;
  labelledBoxes: number;
  /** All detections in the originals / in the copies. */
  original: number;
  copy: number;
  /** Photos with boxes: detections in the originals matching a labelled face. */
  originalOnLabels: number;
  /** Of those labelled faces, still found in the copy. */
  stillFoundLabelled: number;
  /** Detections in the copies by what they lie on. */
  copyOn: Record<Remaining['on'], number>;
}

/** Copy boxes in the original's pixels (a copy of another size is scaled back). */
function inOriginalPixels(copy: { width: number; height: number; boxes: ReaderBox[] }, original: { width: number; height: number }): ReaderBox[] {
  if (copy.width === original.width && copy.height === original.height) return copy.boxes;
  const sx = original.width / copy.width;
  const sy = original.height / copy.height;
  return copy.boxes.map((b) => ({ ...b, box: [Math.round(b.box[0] * sx), Math.round(b.box[1] * sy), Math.round(b.box[2] * sx), Math.round(b.box[3] * sy)] }));
}

export function scoreFaceOutcome(labels: Labels, reads: ReadonlyMap<string, { original: ReaderRead; copy: ReaderRead } | { skipped: string }>): FaceOutcome {
  const rows: FaceOutcomeRow[] = [];
  for (const [file, read] of reads) {
    const label: Label = labels[file] ?? {};
    const boxes = label.face_boxes ?? [];
    const base = { file, labelled: boxes.length || (label.faces ?? 0), hasBoxes: boxes.length > 0 };
    const empty = { original: [], originalOnLabels: 0, copy: [], stillFoundLabelled: 0 };
    if ('skipped' in read) {
      rows.push({ ...base, ...empty, skipped: read.skipped });
      continue;
    }
    if ('error' in read.original || 'error' in read.copy) {
      const why = 'error' in read.original ? `original: ${read.original.error}` : `copy: ${(read.copy as { error: string }).error}`;
      rows.push({ ...base, ...empty, skipped: why });
      continue;
    }
    const original = read.original.boxes;
    const copyBoxes = inOriginalPixels(read.copy, read.original);
    const labelToOriginal = matchBoxes(boxes, original.map((b) => b.box));
    const labelToCopy = matchBoxes(boxes, copyBoxes.map((b) => b.box));
    const copyToLabel = matchBoxes(copyBoxes.map((b) => b.box), boxes);
    const copyToOriginal = matchBoxes(copyBoxes.map((b) => b.box), original.map((b) => b.box));
    const copy: Remaining[] = copyBoxes.map((b, i) => ({
      ...b,
      on: copyToLabel[i] !== -1 ? 'labelled face' : copyToOriginal[i] !== -1 ? 'detection in original' : 'new',
    }));
    rows.push({
      ...base,
      original,
      originalOnLabels: labelToOriginal.filter((j) => j !== -1).length,
      copy,
      stillFoundLabelled: labelToOriginal.filter((j, i) => j !== -1 && labelToCopy[i] !== -1).length,
    });
  }
  rows.sort((a, b) => a.file.localeCompare(b.file));
  const scored = rows.filter((r) => !r.skipped);
  const sum = (f: (r: FaceOutcomeRow) => number): number => scored.reduce((s, r) => s + f(r), 0);
  const copyOn: FaceOutcome['copyOn'] = { 'labelled face': 0, 'detection in original': 0, new: 0 };
  for (const r of scored) for (const c of r.copy) copyOn[c.on] += 1;
  return {
    rows,
    photos: scored.length,
    labelledBoxes: sum((r) => (r.hasBoxes ? r.labelled : 0)),
    original: sum((r) => r.original.length),
    copy: sum((r) => r.copy.length),
    originalOnLabels: sum((r) => r.originalOnLabels),
    stillFoundLabelled: sum((r) => r.stillFoundLabelled),
    copyOn,
  };
}

const boxText = (b: ReaderBox): string => `[${b.box.join(', ')}] ${b.cascade}`;

/** Markdown for the eval report. */
export function formatFaceOutcome(s: FaceOutcome, reader: string): string {
  const out = [
    '### Faces: what a second face detector still finds in the protected copy',
    '',
    `Reader: ${reader}. A detection is on a labelled face when IoU ≥ ${READER_MATCH_IOU}.`,
    '',
    '| photo | labelled faces | found in original (on labelled faces) | found in copy | in the copy (x, y, w, h; on) |',
    '|---|---|---|---|---|',
  ];
  for (const r of s.rows) {
    if (r.skipped) {
      out.push(`| ${r.file} | ${r.labelled} | – | – | skipped: ${r.skipped} |`);
      continue;
    }
    const on = r.hasBoxes ? ` (${r.originalOnLabels})` : ' (count only)';
    const left = r.copy.map((c) => `${boxText(c)}; ${c.on}`).join('<br>');
    out.push(`| ${r.file} | ${r.labelled}${r.hasBoxes ? '' : ' (count)'} | ${r.original.length}${on} | ${r.copy.length} | ${left} |`);
  }
  out.push(`| **all** (${s.photos} photos) | **${s.labelledBoxes}** boxes | **${s.original}** (${s.originalOnLabels}) | **${s.copy}** | |`, '');
  out.push('| measure | count |', '|---|---|');
  out.push(`| detections in the originals | ${s.original} |`);
  out.push(`| … on a labelled face (photos with face boxes) | ${s.originalOnLabels} / ${s.labelledBoxes} labelled faces |`);
  out.push(`| detections in the protected copies | ${s.copy} |`);
  out.push(`| … on a labelled face | ${s.copyOn['labelled face']} |`);
  out.push(`| … on another detection of the original (no labelled face there) | ${s.copyOn['detection in original']} |`);
  out.push(`| … where the original had none | ${s.copyOn.new} |`);
  out.push(`| **labelled faces the reader found in the original and still finds in the copy** | **${s.stillFoundLabelled} / ${s.originalOnLabels}** |`);
  out.push('');
  return out.join('\n');
}
