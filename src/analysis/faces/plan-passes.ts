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
  /**
   * The region is drawn turned clockwise by this many degrees (`outW`, `outH` are the turned
   * drawing's): a face lying sideways or upside down is upright in one of them.
   */
  turn?: Turn;
}

export type Turn = 90 | 180 | 270;

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
  /** Also look at the overview turned by these angles (a baby lying across or head down in the frame). */
  turns: readonly Turn[];
  /**
   * Long side of a turned look. The detector sees 192 px whatever it is given, so the turned
   * looks, drawn from the overview, are drawn small: less to turn and hand over.
   */
  turnSide: number;
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
  /** The overview turned: upright faces drawn sideways or upside down are not among the model's training faces. */
  turned: number;
}

export function passThreshold(pass: DetectionPass, t: PassThresholds): number {
  if (pass.turn) return t.turned;
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
  const small = fit(whole, o.turnSide);
  for (const turn of o.turns) {
    const across = turn !== 180;
    passes.push({ kind: 'overview', region: whole, outW: across ? small.outH : small.outW, outH: across ? small.outW : small.outH, turn });
  }
  if (o.smallFaces) {
    for (const tile of planSmallFaceTiles(width, height, o.smallFaces).tiles) {
      passes.push({ kind: 'tile', region: tile, ...fit(tile, o.tileSide) });
    }
  }
  return passes;
}

/**
 * A box of a turned drawing as a box of the same drawing unturned (size `w` × `h`
 * unturned). Turned clockwise by 90°, unturned (u, v) lands on (h − v, u).
 */
export function unturnBox(b: Box, turn: Turn, w: number, h: number): Box {
  if (turn === 90) return [b[1], h - b[0] - b[2], b[3], b[2]];
  if (turn === 180) return [w - b[0] - b[2], h - b[1] - b[3], b[2], b[3]];
  return [w - b[1] - b[3], b[0], b[3], b[2]];
}

/** Maps a box found in a pass's drawing (border included) back to photo pixels. */
export function boxFromPass(found: Box, pass: DetectionPass): Box {
  const across = pass.turn === 90 || pass.turn === 270;
  const outW = across ? pass.outH : pass.outW;
  const outH = across ? pass.outW : pass.outH;
  const b = pass.turn ? unturnBox(found, pass.turn, outW, outH) : found;
  const sx = pass.region[2] / outW;
  const sy = pass.region[3] / outH;
  const x = b[0] - (pass.padX ?? 0);
  const y = b[1] - (pass.padY ?? 0);
  const drawnX = pass.mirror ? outW - x - b[2] : x;
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
  /** Found in a turned drawing: the face's top is that way round in the photo. */
  turn?: Turn;
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
