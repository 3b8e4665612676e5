import type { Box } from '../../common/findings';
import { placePercent, type Size } from '../../imaging/rect-geometry';

/** Inline style that puts an element over `box` of the picture; boxes are placed in % of the stage. */
export function placeStyle(box: Box, size: Size): string {
  const [left, top, width, height] = placePercent(box, size);
  return `left:${left}%;top:${top}%;width:${width}%;height:${height}%`;
}
