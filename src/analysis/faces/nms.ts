import type { Box } from '../../common/findings';
import { iou, overlapOfSmaller } from './box-math';

export interface Scored {
  box: Box;
  score: number;
}

export interface NmsOptions {
  /** Boxes overlapping a kept one by at least this IoU are the same face. */
  iou: number;
  /**
   * Boxes lying mostly inside a kept one are the same face too: overlapping tiles and
   * the whole-picture pass see one face at different cuts and scales.
   */
  containment: number;
}

export const DEFAULT_NMS: NmsOptions = { iou: 0.3, containment: 0.6 };

/** Greedy non-maximum suppression, best score first. Returns a new array. */
export function nms<T extends Scored>(items: readonly T[], opts: NmsOptions = DEFAULT_NMS): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const item of sorted) {
    const duplicate = kept.some(
      (k) => iou(k.box, item.box) >= opts.iou || overlapOfSmaller(k.box, item.box) >= opts.containment,
    );
    if (!duplicate) kept.push(item);
  }
  return kept;
}
