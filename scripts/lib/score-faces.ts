import type { Box } from '../../src/common/findings';
import { containsPoint, centre, iou } from '../../src/analysis/faces/box-math';

/**
 * Scores face detection against the fixture labels (`labels.json`: `faces` count and,
 * where known, `face_boxes` in upright pixels). Pure, so `npm run eval` and the unit
 * tests share it; the browser part only produces the predicted boxes.
 */

export interface FaceLabel {
  faces: number;
  face_boxes?: Box[];
}

export interface FaceCase {
  file: string;
  label: FaceLabel;
  predicted: Box[];
}

export type SizeBucket = '>=40' | '20-40' | '<20';
export const SIZE_BUCKETS: readonly SizeBucket[] = ['>=40', '20-40', '<20'];

export interface Tally {
  total: number;
  found: number;
}

export interface FaceScore {
  /** Labelled boxes by face size (geometric mean of width and height). */
  bySize: Record<SizeBucket, Tally>;
  /** Photos with a face count but no boxes: found = min(predicted, labelled). */
  countOnly: Tally;
  /** Photos labelled with no face, and how many of them got any detection. */
  noFacePhotos: number;
  falseAlarmPhotos: number;
  falseAlarmFiles: string[];
  /** Labelled boxes that were not found, for reading the misses. */
  missed: { file: string; box: Box }[];
}

/** Manual boxes are eyeballed on a 5 % grid, hence the low bar (labels.json schema). */
export const MATCH_IOU = 0.3;

export function faceSize(b: Box): number {
  return Math.sqrt(Math.max(0, b[2]) * Math.max(0, b[3]));
}

export function sizeBucket(b: Box): SizeBucket {
  const s = faceSize(b);
  return s >= 40 ? '>=40' : s >= 20 ? '20-40' : '<20';
}

/**
 * One-to-one matching: a labelled face counts as found when a prediction not used by
 * another face overlaps it with IoU >= 0.3 or covers its centre (a redaction box
 * grown around the face still hides it). IoU matches are taken first, so that in a
 * crowd one large box cannot claim several faces' centres ahead of their own boxes.
 */
export function matchFaces(labels: readonly Box[], predicted: readonly Box[]): boolean[] {
  const found = labels.map(() => false);
  const used = predicted.map(() => false);
  const pairs: { l: number; p: number; q: number }[] = [];
  labels.forEach((l, li) =>
    predicted.forEach((p, pi) => {
      const overlap = iou(l, p);
      const [cx, cy] = centre(l);
      // Centre-only matches rank below every IoU match.
      if (overlap >= MATCH_IOU) pairs.push({ l: li, p: pi, q: 1 + overlap });
      else if (containsPoint(p, cx, cy)) pairs.push({ l: li, p: pi, q: overlap });
    }),
  );
  pairs.sort((a, b) => b.q - a.q);
  for (const { l, p } of pairs) {
    if (found[l] || used[p]) continue;
    found[l] = true;
    used[p] = true;
  }
  return found;
}

export function scoreFaces(cases: readonly FaceCase[]): FaceScore {
  const score: FaceScore = {
    bySize: { '>=40': { total: 0, found: 0 }, '20-40': { total: 0, found: 0 }, '<20': { total: 0, found: 0 } },
    countOnly: { total: 0, found: 0 },
    noFacePhotos: 0,
    falseAlarmPhotos: 0,
    falseAlarmFiles: [],
    missed: [],
  };
  for (const c of cases) {
    if (c.label.faces === 0) {
      score.noFacePhotos += 1;
      if (c.predicted.length > 0) {
        score.falseAlarmPhotos += 1;
        score.falseAlarmFiles.push(c.file);
      }
      continue;
    }
    const boxes = c.label.face_boxes;
    if (!boxes || boxes.length === 0) {
      score.countOnly.total += c.label.faces;
      score.countOnly.found += Math.min(c.predicted.length, c.label.faces);
      continue;
    }
    matchFaces(boxes, c.predicted).forEach((hit, i) => {
      const box = boxes[i] as Box;
      const tally = score.bySize[sizeBucket(box)];
      tally.total += 1;
      if (hit) tally.found += 1;
      else score.missed.push({ file: c.file, box });
    });
  }
  return score;
}

export function recall(t: Tally): number {
  return t.total > 0 ? t.found / t.total : Number.NaN;
}

export function falseAlarmRate(s: FaceScore): number {
  return s.noFacePhotos > 0 ? s.falseAlarmPhotos / s.noFacePhotos : 0;
}
