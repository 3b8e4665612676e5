import type { Box } from '../common/findings';

/**
 * Rectangle geometry for the dialog's editor (drawn areas, crop), in pixels of the upright
 * image. Pure, so it is tested in Node.
 */
export interface Size {
  width: number;
  height: number;
}

/** The box spanned by two pointer positions, clamped to the image, whole pixels. */
export function boxFromPoints(x0: number, y0: number, x1: number, y1: number, size: Size): Box {
  const left = clamp(Math.round(Math.min(x0, x1)), 0, size.width);
  const top = clamp(Math.round(Math.min(y0, y1)), 0, size.height);
  const right = clamp(Math.round(Math.max(x0, x1)), 0, size.width);
  const bottom = clamp(Math.round(Math.max(y0, y1)), 0, size.height);
  return [left, top, right - left, bottom - top];
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Keeps a box inside the image and at least `min` pixels on each side. */
export function clampBox(box: Box, size: Size, min = 1): Box {
  const w = clamp(Math.round(box[2]), Math.min(min, size.width), size.width);
  const h = clamp(Math.round(box[3]), Math.min(min, size.height), size.height);
  const x = clamp(Math.round(box[0]), 0, size.width - w);
  const y = clamp(Math.round(box[1]), 0, size.height - h);
  return [x, y, w, h];
}

/** Moves a box (keyboard nudge), staying inside the image. */
export function moveBox(box: Box, dx: number, dy: number, size: Size): Box {
  return clampBox([box[0] + dx, box[1] + dy, box[2], box[3]], size);
}

/** Grows or shrinks a box from its right/bottom edges (keyboard resize). */
export function resizeBox(box: Box, dw: number, dh: number, size: Size, min = 8): Box {
  const w = clamp(box[2] + dw, min, size.width - box[0]);
  const h = clamp(box[3] + dh, min, size.height - box[1]);
  return [box[0], box[1], w, h];
}

/** Drags one edge or corner of a crop box; `handle` is a compass point (n, se, w...). */
export function dragHandle(box: Box, handle: string, dx: number, dy: number, size: Size, min = 16): Box {
  let [x, y, w, h] = box;
  let right = x + w;
  let bottom = y + h;
  if (handle.includes('w')) x = clamp(x + dx, 0, right - min);
  if (handle.includes('e')) right = clamp(right + dx, x + min, size.width);
  if (handle.includes('n')) y = clamp(y + dy, 0, bottom - min);
  if (handle.includes('s')) bottom = clamp(bottom + dy, y + min, size.height);
  w = right - x;
  h = bottom - y;
  return [Math.round(x), Math.round(y), Math.round(w), Math.round(h)];
}

/** The part of `box` inside `crop`, in the crop's own pixels; undefined when outside. */
export function boxWithinCrop(box: Box, crop: Box): Box | undefined {
  const left = Math.max(box[0], crop[0]);
  const top = Math.max(box[1], crop[1]);
  const right = Math.min(box[0] + box[2], crop[0] + crop[2]);
  const bottom = Math.min(box[1] + box[3], crop[1] + crop[3]);
  if (right <= left || bottom <= top) return undefined;
  return [left - crop[0], top - crop[1], right - left, bottom - top];
}

/** A default box in the middle of the image (keyboard users start from here). */
export function centredBox(size: Size, fraction = 0.25): Box {
  const w = Math.max(8, Math.round(size.width * fraction));
  const h = Math.max(8, Math.round(size.height * fraction));
  return [Math.round((size.width - w) / 2), Math.round((size.height - h) / 2), w, h];
}

/** Where a box sits, in % of the picture (left, top, width, height), after keeping it inside. */
export function placePercent(box: Box, size: Size): Box {
  const [x, y, w, h] = clampBox(box, size);
  return [(100 * x) / size.width, (100 * y) / size.height, (100 * w) / size.width, (100 * h) / size.height];
}

/** A pointer position over a drawn picture (`shown`: where it is on screen) in pixels of the image. */
export function toImagePoint(clientX: number, clientY: number, shown: { left: number; top: number; width: number; height: number }, size: Size): [number, number] {
  return [((clientX - shown.left) / shown.width) * size.width, ((clientY - shown.top) / shown.height) * size.height];
}
