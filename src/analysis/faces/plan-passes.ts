import type { Box } from '../findings';
import { planSmallFaceTiles, type SmallFaceOptions } from './plan-tiles';

/**
 * Which regions of a photo the face detector looks at, and at what size each region
 * is drawn for it: one overview of the whole photo plus, on photos large enough for
 * faces to get lost in the overview, overlapping tiles.
 */

export interface DetectionPass {
  kind: 'overview' | 'tile';
  /** Region of the upright photo, in its pixels. */
  region: Box;
  /** Size the region is drawn at before detection. */
  outW: number;
  outH: number;
}

export interface PassOptions {
  /** Long side of the overview drawing. */
  overviewSide: number;
  /** Long side tiles are drawn at (no point in much more than the model input). */
  tileSide: number;
  /** `false` turns the tile pass off. */
  smallFaces: SmallFaceOptions | false;
}

function fit(region: Box, longSide: number): { outW: number; outH: number } {
  const s = Math.min(1, longSide / Math.max(region[2], region[3]));
  return { outW: Math.max(1, Math.round(region[2] * s)), outH: Math.max(1, Math.round(region[3] * s)) };
}

export function planPasses(width: number, height: number, o: PassOptions): DetectionPass[] {
  const whole: Box = [0, 0, width, height];
  const passes: DetectionPass[] = [{ kind: 'overview', region: whole, ...fit(whole, o.overviewSide) }];
  if (o.smallFaces) {
    for (const tile of planSmallFaceTiles(width, height, o.smallFaces).tiles) {
      passes.push({ kind: 'tile', region: tile, ...fit(tile, o.tileSide) });
    }
  }
  return passes;
}

/** Maps a box found in a pass's drawing back to photo pixels. */
export function boxFromPass(b: Box, pass: DetectionPass): Box {
  const sx = pass.region[2] / pass.outW;
  const sy = pass.region[3] / pass.outH;
  return [pass.region[0] + b[0] * sx, pass.region[1] + b[1] * sy, b[2] * sx, b[3] * sy];
}
