/**
 * Cards in a photo by their outline: a bank, insurance or ID card (ISO/IEC 7810 ID-1,
 * 85.60 × 53.98 mm) whose print the recogniser cannot read (a light number embossed on a
 * glittering gradient) is still a card. Looks for four straight edges that close a
 * rectangle of a card's proportions, on the text finder's small grey copy. Pure: tested in
 * Node. Hand-written rather than a library's: the store zip has a 12 MB budget and ~20 KB
 * left, and what is needed here (a Hough transform of edge pixels and a check of four
 * sides) is a page of code.
 */
import { overlapOfSmaller } from '../../analysis/faces/box-math';
import type { Box } from '../../common/findings';
import type { Gray, Rect } from './text-regions';

/** A card found: its corners (clockwise from the top left, in the grey copy's pixels) and how well its sides are seen. */
export interface CardOutline {
  corners: [number, number][];
  /** Mean share of the four sides that lies on an edge of the right direction, 0..1. */
  score: number;
}

export interface CardOptions {
  /** Long side over short side of an ID-1 card is 1.586; a tilt or a slant of the camera moves it. */
  minAspect: number;
  maxAspect: number;
  /** Smallest card short side, as a share of the copy's short side. */
  minShortShare: number;
  /** Share of each side, and of the four together, that must lie on an edge. */
  minSide: number;
  minScore: number;
  /** Largest share of a side with another edge running alongside it just inside the card. */
  maxClutter: number;
  /** Smallest share of the copy a card covers: a card photographed to be seen fills much of the frame. */
  minAreaShare: number;
  /** Least number of print regions (text-regions.ts) whose centres lie on the card. */
  minPrint: number;
}

export const CARD_DEFAULTS: CardOptions = { minAspect: 1.42, maxAspect: 1.78, minShortShare: 0.2, minSide: 0.35, minScore: 0.7, maxClutter: 0.3, minAreaShare: 0.08, minPrint: 2 };

interface Line {
  /** Angle of the line's normal, radians in [0, π). */
  theta: number;
  /** Signed distance of the line from the copy's centre along its normal. */
  rho: number;
  votes: number;
  /** Mean position of the edge pixels that voted for it. */
  mid: [number, number];
}

const ANGLES = 180;
/** An edge pixel votes only for lines within this many degrees of its own direction. */
const SPREAD = 4;
/** Lines kept from the transform, strongest first. */
const MAX_LINES = 36;

/** Sobel gradient of a lightly smoothed copy: glitter, paper grain and JPEG noise are not edges. */
function gradients(img: Gray): { gx: Float32Array; gy: Float32Array; mag: Float32Array } {
  const { data, width: w, height: h } = img;
  const s = new Float32Array(w * h);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy += 1) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          sum += data[yy * w + xx] ?? 0;
          n += 1;
        }
      }
      s[y * w + x] = sum / n;
    }
  }
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const mag = new Float32Array(w * h);
  const at = (x: number, y: number): number => s[y * w + x] ?? 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      const dx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const dy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      gx[i] = dx;
      gy[i] = dy;
      mag[i] = Math.hypot(dx, dy);
    }
  }
  return { gx, gy, mag };
}

/** The edge bar: a fixed floor, raised on busy photos so that only their strongest tenth are edges. */
function edgeBar(mag: Float32Array): number {
  const hist = new Uint32Array(256);
  for (const m of mag) hist[Math.min(255, Math.floor(m / 8))]! += 1;
  let seen = 0;
  let bin = 255;
  while (bin > 0 && seen + hist[bin]! < mag.length * 0.1) seen += hist[bin--]!;
  return Math.max(80, bin * 8);
}

function houghLines(img: Gray, g: ReturnType<typeof gradients>, bar: number): Line[] {
  const { width: w, height: h } = img;
  const cx = w / 2;
  const cy = h / 2;
  const maxRho = Math.ceil(Math.hypot(w, h) / 2);
  const rhos = 2 * maxRho + 1;
  const acc = new Float32Array(ANGLES * rhos);
  // Where each line's votes came from (sums of x and y): the middle of the edge behind it.
  const sumX = new Float32Array(ANGLES * rhos);
  const sumY = new Float32Array(ANGLES * rhos);
  const cos = Float32Array.from({ length: ANGLES }, (_, a) => Math.cos((a * Math.PI) / ANGLES));
  const sin = Float32Array.from({ length: ANGLES }, (_, a) => Math.sin((a * Math.PI) / ANGLES));
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      if (g.mag[i]! < bar) continue;
      let deg = Math.round((Math.atan2(g.gy[i]!, g.gx[i]!) * 180) / Math.PI);
      deg = ((deg % 180) + 180) % 180;
      for (let d = -SPREAD; d <= SPREAD; d += 1) {
        const a = (deg + d + ANGLES) % ANGLES;
        const rho = Math.round((x - cx) * cos[a]! + (y - cy) * sin[a]!);
        const bin = a * rhos + rho + maxRho;
        acc[bin]! += 1;
        sumX[bin]! += x;
        sumY[bin]! += y;
      }
    }
  }
  // Local peaks, strongest first. An edge votes for lines up to SPREAD° off its own, so it
  // also makes weaker peaks a few degrees round its line, through its middle; one of those
  // would close a level panel as a slanted "card". A peak is dropped where a stronger one
  // within SPREAD + 1° runs alongside it, or drew its votes from the same place (another
  // edge in line with it, such as a hand's below a card's, draws them from elsewhere).
  const sameEdge = Math.min(w, h) * 0.05;
  const minVotes = Math.min(w, h) * 0.12;
  const peaks: Line[] = [];
  for (let a = 0; a < ANGLES; a += 1) {
    for (let r = 1; r < rhos - 1; r += 1) {
      const v = acc[a * rhos + r]!;
      if (v < minVotes) continue;
      if (v < acc[a * rhos + r - 1]! || v < acc[a * rhos + r + 1]!) continue;
      const bin = a * rhos + r;
      peaks.push({ theta: (a * Math.PI) / ANGLES, rho: r - maxRho, votes: v, mid: [sumX[bin]! / v, sumY[bin]! / v] });
    }
  }
  peaks.sort((p, q) => q.votes - p.votes);
  const kept: Line[] = [];
  for (const p of peaks) {
    const near = (k: Line): boolean =>
      angleGap(k.theta, p.theta) <= ((SPREAD + 1) * Math.PI) / 180 &&
      (Math.abs(sameSideRho(k, p) - k.rho) < 6 || Math.hypot(p.mid[0] - k.mid[0], p.mid[1] - k.mid[1]) < sameEdge);
    if (kept.some(near)) continue;
    kept.push(p);
    if (kept.length >= MAX_LINES) break;
  }
  return kept;
}

/** Difference between two line directions, in [0, π/2]. */
function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
}

/** `p`'s distance expressed along `k`'s normal (a normal near 0 and one near π point opposite ways). */
function sameSideRho(k: Line, p: Line): number {
  return Math.abs(k.theta - p.theta) > Math.PI / 2 ? -p.rho : p.rho;
}

function intersect(a: Line, b: Line, cx: number, cy: number): [number, number] | undefined {
  const c1 = Math.cos(a.theta);
  const s1 = Math.sin(a.theta);
  const c2 = Math.cos(b.theta);
  const s2 = Math.sin(b.theta);
  const det = c1 * s2 - s1 * c2;
  if (Math.abs(det) < 1e-6) return undefined;
  return [cx + (a.rho * s2 - b.rho * s1) / det, cy + (b.rho * c1 - a.rho * c2) / det];
}

/**
 * Share of the points along a side from `p` to `q` where an edge runs its way (the gradient
 * points across the side, at least `minMag` strong) at `from`..`to` px off the side. Offsets
 * go to the inside: the corners go clockwise on screen, so the inside of p→q is along
 * (−Δy, Δx) with y down. The ends (a card's rounded corners, a finger at a corner) are not
 * asked for.
 */
function edgeShare(img: Gray, g: ReturnType<typeof gradients>, p: [number, number], q: [number, number], from: number, to: number, minMag: number): number {
  const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
  const steps = Math.max(8, Math.round(len / 2));
  const nx = -(q[1] - p[1]) / len;
  const ny = (q[0] - p[0]) / len;
  let hit = 0;
  for (let s = 0; s <= steps; s += 1) {
    const t = 0.08 + (0.84 * s) / steps;
    const x = p[0] + (q[0] - p[0]) * t;
    const y = p[1] + (q[1] - p[1]) * t;
    for (let d = from; d <= to; d += 1) {
      const xi = Math.round(x + nx * d);
      const yi = Math.round(y + ny * d);
      if (xi < 1 || yi < 1 || xi >= img.width - 1 || yi >= img.height - 1) continue;
      const i = yi * img.width + xi;
      const m = g.mag[i]!;
      if (m >= minMag && Math.abs(g.gx[i]! * nx + g.gy[i]! * ny) >= 0.85 * m) {
        hit += 1;
        break;
      }
    }
  }
  return hit / (steps + 1);
}

/** Corners in order round the quadrilateral, clockwise on screen from the one nearest the top left. */
function ordered(points: [number, number][]): [number, number][] {
  const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
  const my = points.reduce((s, p) => s + p[1], 0) / points.length;
  const round = [...points].sort((a, b) => Math.atan2(a[1] - my, a[0] - mx) - Math.atan2(b[1] - my, b[0] - mx));
  let first = 0;
  round.forEach((p, i) => {
    if (p[0] + p[1] < round[first]![0] + round[first]![1]) first = i;
  });
  return [...round.slice(first), ...round.slice(0, first)];
}

/** Within 1.5° of level or upright: the transform's 1° steps put a level edge at 0° or 1°. */
function levelOrUpright(p: [number, number], q: [number, number]): boolean {
  const a = Math.abs(Math.atan2(q[1] - p[1], q[0] - p[0])) % (Math.PI / 2);
  return Math.min(a, Math.PI / 2 - a) < (1.5 * Math.PI) / 180;
}

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Cards in `img`, best first; none overlaps a better one. */
export function findCards(img: Gray, o: CardOptions = CARD_DEFAULTS): CardOutline[] {
  const { width: w, height: h } = img;
  if (w < 32 || h < 32) return [];
  const g = gradients(img);
  const bar = edgeBar(g.mag);
  const lines = houghLines(img, g, bar);
  const minShort = Math.min(w, h) * o.minShortShare;
  const margin = Math.min(w, h) * 0.02;
  const parallel: [Line, Line][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    for (let j = i + 1; j < lines.length; j += 1) {
      const a = lines[i]!;
      const b = lines[j]!;
      if (angleGap(a.theta, b.theta) > (8 * Math.PI) / 180) continue;
      if (Math.abs(sameSideRho(a, b) - a.rho) < minShort * 0.8) continue;
      parallel.push([a, b]);
    }
  }
  const found: CardOutline[] = [];
  for (let i = 0; i < parallel.length; i += 1) {
    for (let j = i + 1; j < parallel.length; j += 1) {
      const [a, b] = parallel[i]!;
      const [c, d] = parallel[j]!;
      if (Math.abs(angleGap(a.theta, c.theta) - Math.PI / 2) > (12 * Math.PI) / 180) continue;
      const pts = [intersect(a, c, w / 2, h / 2), intersect(c, b, w / 2, h / 2), intersect(b, d, w / 2, h / 2), intersect(d, a, w / 2, h / 2)];
      if (pts.some((p) => !p || p[0] < -margin || p[1] < -margin || p[0] > w + margin || p[1] > h + margin)) continue;
      const corners = ordered(pts as [number, number][]);
      const sides = corners.map((p, k) => dist(p, corners[(k + 1) % 4]!));
      const across = [(sides[0]! + sides[2]!) / 2, (sides[1]! + sides[3]!) / 2];
      const aspect = Math.max(...across) / Math.min(...across);
      if (Math.min(...across) < minShort || aspect < o.minAspect || aspect > o.maxAspect) continue;
      // How much of each side is on an edge (within 2 px, somewhat weaker edges count).
      const support = corners.map((p, k) => edgeShare(img, g, p, corners[(k + 1) % 4]!, -2, 2, bar * 0.6));
      const score = support.reduce((s, v) => s + v, 0) / 4;
      if (Math.min(...support) < o.minSide || score < o.minScore) continue;
      // A card's own edge has a plain margin inside it; a side with print or bars right
      // inside is a barcode's or a page's (measured: the cards 0.00–0.05, symbols 0.43–1.00).
      const clutter = corners.map((p, k) => edgeShare(img, g, p, corners[(k + 1) % 4]!, 4, 9, bar));
      if (Math.max(...clutter) > o.maxClutter) continue;
      // Sides square with the picture are a screenshot's panel: a card in a hand or on a table
      // is never quite level, and a scanned card is read by its print. Three are enough: an
      // edge also votes for lines a few degrees off, and one of those can close the panel.
      if (corners.filter((p, k) => levelOrUpright(p, corners[(k + 1) % 4]!)).length >= 3) continue;
      found.push({ corners, score });
    }
  }
  found.sort((p, q) => q.score - p.score);
  const kept: CardOutline[] = [];
  for (const f of found) {
    const box = boundsOf(f.corners);
    if (kept.some((k) => overlapOfSmaller(box, boundsOf(k.corners)) > 0.3)) continue;
    kept.push(f);
  }
  return kept;
}

/** Area of a quadrilateral given round its corners (shoelace). */
export function quadArea(q: readonly [number, number][]): number {
  return Math.abs(q.reduce((s, p, k) => {
    const n = q[(k + 1) % q.length]!;
    return s + p[0] * n[1] - n[0] * p[1];
  }, 0)) / 2;
}

/** Whether `pt` lies inside the convex quadrilateral `q`. */
function within(pt: [number, number], q: readonly [number, number][]): boolean {
  let sides = 0;
  for (let k = 0; k < q.length; k += 1) {
    const a = q[k]!;
    const b = q[(k + 1) % q.length]!;
    sides += Math.sign((b[0] - a[0]) * (pt[1] - a[1]) - (b[1] - a[1]) * (pt[0] - a[0]));
  }
  return Math.abs(sides) === q.length;
}

/**
 * The cards that are large and hold print: an outline alone is also a bus, a shop's sign
 * or a screen (measured on the corpus and fixtures: the print and size rules take out 4 of
 * the 10 outlines on photos without a card, and no card).
 */
export function cardsWithPrint(cards: readonly CardOutline[], print: readonly Rect[], img: Pick<Gray, 'width' | 'height'>, o: CardOptions = CARD_DEFAULTS): CardOutline[] {
  return cards.filter((c) =>
    quadArea(c.corners) >= o.minAreaShare * img.width * img.height &&
    print.filter((r) => within([r.x + r.w / 2, r.y + r.h / 2], c.corners)).length >= o.minPrint);
}

/** The axis-aligned box round a card's corners: [x, y, w, h]. */
export function boundsOf(corners: readonly [number, number][]): Box {
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return [x, y, Math.max(...xs) - x, Math.max(...ys) - y];
}
