import type { Box } from '../../common/findings';

/**
 * Plain arithmetic on `[x, y, w, h]` boxes. Detectors, tiling, redaction and the
 * evaluation all speak this one shape, so the conversions live here once.
 */

export function area(b: Box): number {
  return Math.max(0, b[2]) * Math.max(0, b[3]);
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Share of the smaller box that lies inside the other. A tile cut through a face
 * yields a half-face box: its IoU with the whole-face box is low, but it is almost
 * entirely inside it, which is what this measures.
 */
export function overlapOfSmaller(a: Box, b: Box): number {
  const smaller = Math.min(area(a), area(b));
  return smaller > 0 ? intersection(a, b) / smaller : 0;
}

export function centre(b: Box): [number, number] {
  return [b[0] + b[2] / 2, b[1] + b[3] / 2];
}

export function containsPoint(b: Box, x: number, y: number): boolean {
  return x >= b[0] && x <= b[0] + b[2] && y >= b[1] && y <= b[1] + b[3];
}

/** Maps a box from a picture scaled by `s` (s < 1 = smaller) back to the original. */
export function unscale(b: Box, s: number): Box {
  return [b[0] / s, b[1] / s, b[2] / s, b[3] / s];
}

/** Maps a box found in a crop whose top-left sits at `(ox, oy)` of the full picture. */
export function offset(b: Box, ox: number, oy: number): Box {
  return [b[0] + ox, b[1] + oy, b[2], b[3]];
}

/**
 * Cuts a box to the picture and snaps it outward to whole pixels, so that a redaction
 * of the result covers every pixel the box touched.
 */
export function clampBox(b: Box, width: number, height: number): Box {
  const x0 = Math.min(width, Math.max(0, Math.floor(b[0])));
  const y0 = Math.min(height, Math.max(0, Math.floor(b[1])));
  const x1 = Math.max(x0, Math.min(width, Math.ceil(b[0] + b[2])));
  const y1 = Math.max(y0, Math.min(height, Math.ceil(b[1] + b[3])));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** How far to grow a face box on each side, as fractions of its width or height. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Face detectors box the eyes-to-mouth area; a redaction must also hide hair, ears and
 * chin, which identify a person as well. Grows and then clamps to the picture.
 */
export function growBox(b: Box, m: Margins, width: number, height: number): Box {
  const grown: Box = [
    b[0] - b[2] * m.left,
    b[1] - b[3] * m.top,
    b[2] * (1 + m.left + m.right),
    b[3] * (1 + m.top + m.bottom),
  ];
  return clampBox(grown, width, height);
}

/**
 * Detector face box to whole head. The full-range model's box runs from about the
 * eyebrows to the chin; the hair top lies up to ~0.6 box heights above it (looked at on
 * the fixtures' single faces: 0.4 cut the hair or glasses pushed up on the head in 3 of
 * 10, docs/eval.md 2026-12-02), and hair and ears reach a quarter width beside it.
 */
export const HEAD_MARGINS: Margins = { left: 0.25, right: 0.25, top: 0.6, bottom: 0.2 };

/**
 * A face's margins in the photo when it was found in a drawing turned clockwise by `turn`
 * (upright there): turned 90°, the top of the head is at the photo's left.
 */
export function turnMargins(m: Margins, turn: 90 | 180 | 270 | undefined): Margins {
  if (turn === 90) return { left: m.top, right: m.bottom, top: m.right, bottom: m.left };
  if (turn === 180) return { left: m.right, right: m.left, top: m.bottom, bottom: m.top };
  if (turn === 270) return { left: m.bottom, right: m.top, top: m.left, bottom: m.right };
  return m;
}
