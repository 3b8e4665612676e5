import type { Box } from '../../common/findings';
import { iou, overlapOfSmaller } from './box-math';
import { nms, type NmsOptions } from './nms';
import { planSmallFaceTiles, type SmallFaceOptions } from './plan-tiles';

/**
 * Which regions of a photo the face detector looks at, and at what size each region
 * is drawn for it: an overview of the whole photo (as it is, mirrored, and inside a grey
 * border), overlapping tiles on photos large enough for faces to get lost in the
 * overview, and a second look at what the detector half saw.
 */

export interface DetectionPass {
  /** `confirm`: a second look centred on a candidate (planConfirmations). */
  kind: 'overview' | 'tile' | 'confirm';
  /** Region of the upright photo, in its pixels. */
  region: Box;
  /** Size the region is drawn at before detection. */
  outW: number;
  outH: number;
  /**
   * Mid-grey border (drawing px) on each side of the drawing: a face cut by the frame's
   * edge then lies inside the detector's input instead of at its very border.
   */
  padX?: number;
  padY?: number;
  /** The region is drawn mirrored left to right (a second look at the same pixels). */
  mirror?: boolean;
}

export interface PassOptions {
  /** Long side of the overview drawing. */
  overviewSide: number;
  /** Long side tiles are drawn at (no point in much more than the model input). */
  tileSide: number;
  /** `false` turns the tile pass off. */
  smallFaces: SmallFaceOptions | false;
  /** Also look at the overview mirrored (faces cut by the top or a side edge). */
  mirrorOverview: boolean;
  /** Also look at the overview inside a grey border of this share of its width/height on each side; `false`: not. */
  edgePad: number | false;
}

/** Scores a detection needs, by the pass that found it. */
export interface PassThresholds {
  overview: number;
  /** The overview inside a grey border: the border makes clutter at the edges look like cut faces. */
  padded: number;
  /** Tiles look at more clutter. */
  tile: number;
  /** Second looks at candidates. */
  confirm: number;
}

export function passThreshold(pass: DetectionPass, t: PassThresholds): number {
  if (pass.kind === 'tile') return t.tile;
  if (pass.kind === 'confirm') return t.confirm;
  return (pass.padX ?? 0) > 0 || (pass.padY ?? 0) > 0 ? t.padded : t.overview;
}

function fit(region: Box, longSide: number): { outW: number; outH: number } {
  const s = Math.min(1, longSide / Math.max(region[2], region[3]));
  return { outW: Math.max(1, Math.round(region[2] * s)), outH: Math.max(1, Math.round(region[3] * s)) };
}

export function planPasses(width: number, height: number, o: PassOptions): DetectionPass[] {
  const whole: Box = [0, 0, width, height];
  const overview: DetectionPass = { kind: 'overview', region: whole, ...fit(whole, o.overviewSide) };
  const passes: DetectionPass[] = [overview];
  if (o.mirrorOverview) passes.push({ ...overview, mirror: true });
  if (o.edgePad !== false && o.edgePad > 0) {
    // The border shrinks the photo inside the drawing's long side, as the detector sees it.
    const inner = fit(whole, o.overviewSide / (1 + 2 * o.edgePad));
    passes.push({ ...overview, ...inner, padX: Math.round(inner.outW * o.edgePad), padY: Math.round(inner.outH * o.edgePad) });
  }
  if (o.smallFaces) {
    for (const tile of planSmallFaceTiles(width, height, o.smallFaces).tiles) {
      passes.push({ kind: 'tile', region: tile, ...fit(tile, o.tileSide) });
    }
  }
  return passes;
}

/** Maps a box found in a pass's drawing (border included) back to photo pixels. */
export function boxFromPass(b: Box, pass: DetectionPass): Box {
  const sx = pass.region[2] / pass.outW;
  const sy = pass.region[3] / pass.outH;
  const x = b[0] - (pass.padX ?? 0);
  const y = b[1] - (pass.padY ?? 0);
  const drawnX = pass.mirror ? pass.outW - x - b[2] : x;
  return [pass.region[0] + drawnX * sx, pass.region[1] + y * sy, b[2] * sx, b[3] * sy];
}

export interface ConfirmOptions {
  /** Detections from this score up to their pass's threshold are candidates. */
  candidateScore: number;
  /** At most this many candidates per photo get a second look (bounds the time). */
  maxCandidates: number;
  /** The candidate's side as a share of the second look's square region. */
  faceShare: number;
  /** Long side the region is drawn at. */
  side: number;
  /** A second look's detection stands for its candidate at this IoU with it. */
  matchIou: number;
}

export interface Detection {
  box: Box;
  score: number;
  /** The threshold of the pass that found it. */
  bar: number;
}

/**
 * Faces the detector half saw: detections scoring from `candidateScore` up to their
 * pass's bar that no detection over its bar already covers, best first, one per place.
 */
export function pickCandidates(found: readonly Detection[], o: ConfirmOptions, nmsOptions: NmsOptions): Box[] {
  const sure = found.filter((f) => f.score >= f.bar);
  const covered = (b: Box): boolean => sure.some((s) => iou(s.box, b) >= nmsOptions.iou || overlapOfSmaller(s.box, b) >= nmsOptions.containment);
  const open = found.filter((f) => f.score >= o.candidateScore && f.score < f.bar && !covered(f.box));
  return nms(open, nmsOptions)
    .slice(0, o.maxCandidates)
    .map((f) => f.box);
}

/**
 * A second look at faces the detector half saw (scores just under the bar: a back-row
 * face half hidden behind a head, or cut by a tile's edge): a square region centred on
 * each candidate, where the face fills `faceShare` of it, kept inside the photo; pass i
 * looks at candidate i. (A mirrored second look too doubled the cost and confirmed
 * nothing the plain one did not, on the fixtures.)
 */
export function planConfirmations(candidates: readonly Box[], width: number, height: number, o: ConfirmOptions): DetectionPass[] {
  const passes: DetectionPass[] = [];
  for (const c of candidates.slice(0, o.maxCandidates)) {
    const size = Math.max(c[2], c[3]) / o.faceShare;
    const w = Math.min(width, size);
    const h = Math.min(height, size);
    const cx = c[0] + c[2] / 2;
    const cy = c[1] + c[3] / 2;
    const x = Math.round(Math.min(width - w, Math.max(0, cx - w / 2)));
    const y = Math.round(Math.min(height - h, Math.max(0, cy - h / 2)));
    const region: Box = [x, y, Math.round(w), Math.round(h)];
    passes.push({ kind: 'confirm', region, ...fit(region, o.side) });
  }
  return passes;
}

/**
 * Shares the tiles between `ways` detectors: the first keeps every pass that is not a tile
 * (the overviews come first, and their faces are shown before any tile is looked at) and
 * its share of the tiles; the others' shares go to `remote`. Neighbouring tiles go to
 * different detectors, so a photo's busy half is not all on one of them.
 */
export function shareTiles(passes: readonly DetectionPass[], ways: number): { local: DetectionPass[]; remote: DetectionPass[] } {
  const local: DetectionPass[] = [];
  const remote: DetectionPass[] = [];
  let tile = 0;
  for (const pass of passes) {
    if (pass.kind === 'tile' && ways > 1 && tile++ % ways !== 0) remote.push(pass);
    else local.push(pass);
  }
  return { local, remote };
}
