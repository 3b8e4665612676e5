/**
 * The order of work of the `text` check, apart from the engine and the canvas: which parts
 * of the picture are read, at what scale, straight or levelled, and how each recognised
 * line's box is carried back to the upright picture. Pure: the crops and the recogniser
 * come in as ports, so Node tests (and scripts/id-text-offline.ts with tesseract.js in
 * Node) drive the very code the extension runs.
 */
import type { Box, Finding } from '../../common/findings';
import { classifyIdText, type OcrLine } from '../../analysis/id-text/classify-id-text';
import { judgeMrzLine } from '../../analysis/id-text/mrz';
import { estimateSkew } from './estimate-skew';
import { printRunsSideways } from './line-direction';
import { boundsOf, cardsWithPrint, findCards } from './find-cards';
import { area, findTextRegions, mergeRects, type Gray, type Rect } from './text-regions';

/** A line as the recogniser reports it, in pixels of the crop it was given. */
export interface RawLine {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** 0..100 */
  confidence: number;
}

/**
 * How the recogniser reads a crop. `sparse`: every group of words on its own instead of
 * tesseract's page layout. `local`: a local (Sauvola) threshold instead of one Otsu level
 * for the whole crop, which turns a photographed document's shaded print all white when
 * the photo also holds dark surroundings (a table, a phone's black bar).
 */
export interface ReadMode {
  sparse: boolean;
  local: boolean;
}

const FIRST: ReadMode = { sparse: false, local: false };
const LEVELLED: ReadMode = { sparse: false, local: true };
const SPARSE: ReadMode = { sparse: true, local: true };

export interface TextPorts {
  width: number;
  height: number;
  /** `src` (picture pixels) at `scale`, grey. */
  crop(src: Rect, scale: number): Gray;
  /** `src` at `scale`, turned so that lines tilted by `angleDeg` are level. */
  cropLevelled(src: Rect, scale: number, angleDeg: number): { gray: Gray; toBitmap: (x: number, y: number) => [number, number] };
  recognize(gray: Gray, mode: ReadMode): Promise<RawLine[]>;
  throwIfAborted?(): void;
}

/** Long side of the copy the region finder looks at: enough for ID-card print. */
export const FINDER_SIDE = 640;
/**
 * Long side at which regions are read. Card text photographed whole is 20–40 px high at
 * 2000 px; more only costs time (recognition is roughly linear in pixels).
 */
export const OCR_SIDE = 2000;
/** Small pictures are enlarged to this: tesseract misreads letters under ~20 px. */
export const OCR_MIN_SIDE = 1200;
/** Beyond this many separate regions, reading them one by one costs more than the whole. */
const MAX_REGIONS = 6;
/** Tilts smaller than this are read fine as they are; a weak profile peak is no tilt. */
const MIN_TILT_DEG = 4;
const MIN_TILT_GAIN = 1.15;
/** Lines running up the picture (its top turned left) first, then down. */
const QUARTER_TURNS = [-90, 90] as const;
/** If regions cover most of the picture, one pass over the whole is cheaper. */
const WHOLE_IF_COVERED = 0.5;

export function ocrScale(width: number, height: number): number {
  const long = Math.max(width, height);
  return long < OCR_MIN_SIDE ? Math.min(3, OCR_MIN_SIDE / long) : Math.min(1, OCR_SIDE / long);
}

/**
 * The box around a crop's line on the upright picture. For a levelled crop the four
 * corners are turned back, so the box is the one around the tilted line.
 */
export function lineBox(bbox: RawLine['bbox'], toBitmap: (x: number, y: number) => [number, number], toUpright: number): Box {
  const { x0, y0, x1, y1 } = bbox;
  const corners = [toBitmap(x0, y0), toBitmap(x1, y0), toBitmap(x0, y1), toBitmap(x1, y1)];
  const xs = corners.map((c) => c[0] * toUpright);
  const ys = corners.map((c) => c[1] * toUpright);
  const left = Math.max(0, Math.round(Math.min(...xs)));
  const top = Math.max(0, Math.round(Math.min(...ys)));
  return [left, top, Math.round(Math.max(...xs)) - left, Math.round(Math.max(...ys)) - top];
}

export function toOcrLines(raw: readonly RawLine[], toBitmap: (x: number, y: number) => [number, number], toUpright: number): OcrLine[] {
  return raw.flatMap((line) => {
    const text = line.text.trim();
    return text === '' ? [] : [{ text, box: lineBox(line.bbox, toBitmap, toUpright), confidence: line.confidence / 100 }];
  });
}

/**
 * Regions found on the finder's small copy, in picture pixels. The small copy's own size
 * (rounded) is what its pixels measure, so the factor back is taken from it, and each
 * region is kept inside the picture.
 */
export function regionsOnPicture(found: readonly Rect[], small: { width: number; height: number }, width: number, height: number): Rect[] {
  const kx = width / small.width;
  const ky = height / small.height;
  return found.map((r) => {
    const x = Math.max(0, Math.floor(r.x * kx));
    const y = Math.max(0, Math.floor(r.y * ky));
    return { x, y, w: Math.min(width, Math.ceil((r.x + r.w) * kx)) - x, h: Math.min(height, Math.ceil((r.y + r.h) * ky)) - y };
  });
}

/** What the print finder saw: its small grey copy, the print on it, and the regions to read in picture pixels. */
interface Print {
  small: Gray;
  found: Rect[];
  /** Empty when nothing looks like print. */
  regions: Rect[];
}

function findPrint(ports: Pick<TextPorts, 'width' | 'height' | 'crop'>): Print {
  const whole: Rect = { x: 0, y: 0, w: ports.width, h: ports.height };
  const finderScale = Math.min(1, FINDER_SIDE / Math.max(ports.width, ports.height));
  const small = ports.crop(whole, finderScale);
  const found = findTextRegions(small);
  if (found.length === 0) return { small, found, regions: [] };
  const merged = mergeRects(found, 16);
  const covered = merged.reduce((sum, r) => sum + area(r), 0) / (small.width * small.height);
  if (merged.length > MAX_REGIONS || covered > WHOLE_IF_COVERED) return { small, found, regions: [whole] };
  return { small, found, regions: regionsOnPicture(merged, small, ports.width, ports.height) };
}

/** Share of a card's size added round its outline: its rounded corners and a slanted edge stay inside the box. */
const CARD_PAD = 0.04;

/**
 * Cards on the print finder's copy, as findings on the upright picture. For a card whose
 * print was read as nothing ID-like: a light number on a glittering card is beyond the
 * recogniser, not beyond a person looking at the photo.
 */
function cardFindings(print: Print, width: number, height: number, toUpright: number): Finding[] {
  const k = (width / print.small.width) * toUpright;
  const w = width * toUpright;
  const h = height * toUpright;
  return cardsWithPrint(findCards(print.small), print.found, print.small).map((card) => {
    const [x, y, bw, bh] = boundsOf(card.corners);
    const pad = CARD_PAD * Math.max(bw, bh);
    const left = Math.max(0, Math.floor((x - pad) * k));
    const top = Math.max(0, Math.floor((y - pad) * k));
    const box: Box = [left, top, Math.min(w, Math.ceil((x + bw + pad) * k)) - left, Math.min(h, Math.ceil((y + bh + pad) * k)) - top];
    return { kind: 'id-text', field: 'card', box, score: card.score };
  });
}

/** A region at most 700 px long, enough to judge which way and how tilted its lines run. */
const smallCrop = (ports: Pick<TextPorts, 'crop'>, region: Rect): Gray => ports.crop(region, Math.min(1, 700 / Math.max(region.w, region.h)));

/** The tilt of a region's lines, judged on a small grey copy; 0 when they are level enough. */
export function tiltOf(ports: Pick<TextPorts, 'crop'>, region: Rect): number {
  const { angle, gain } = estimateSkew(smallCrop(ports, region));
  return Math.abs(angle) >= MIN_TILT_DEG && gain >= MIN_TILT_GAIN ? angle : 0;
}

/**
 * A line box grown around its print. The recogniser's box hugs the letters it read:
 * accents, descenders and a last character it dropped fall outside and stay legible next
 * to the redaction. A third of the line height across the line, one height at its ends; a
 * line read a quarter turn round stands upright in the picture, so its ends are top and bottom.
 */
export function padLineBox(box: Box, width: number, height: number): Box {
  const upright = box[3] > box[2];
  const h = upright ? box[2] : box[3];
  const [padX, padY] = upright ? [h / 3, h] : [h, h / 3];
  const x = Math.max(0, Math.floor(box[0] - padX));
  const y = Math.max(0, Math.floor(box[1] - padY));
  const right = Math.min(width, Math.ceil(box[0] + box[2] + padX));
  const bottom = Math.min(height, Math.ceil(box[1] + box[3] + padY));
  return [x, y, Math.max(0, right - x), Math.max(0, bottom - y)];
}

function padded(findings: Finding[], width: number, height: number): Finding[] {
  return findings.map((f) => (f.box ? { ...f, box: padLineBox(f.box, width, height) } : f));
}

/** One reading of the regions: straight, or each region levelled by its angle (0: skipped). */
async function readRegions(ports: TextPorts, regions: readonly Rect[], scale: number, toUpright: number, angles: readonly number[] | undefined, mode: ReadMode): Promise<OcrLine[]> {
  const lines: OcrLine[] = [];
  for (const [i, region] of regions.entries()) {
    ports.throwIfAborted?.();
    const angle = angles ? (angles[i] ?? 0) : 0;
    if (angles && angle === 0) continue;
    if (angle === 0) {
      const raw = await ports.recognize(ports.crop(region, scale), mode);
      lines.push(...toOcrLines(raw, (x, y) => [region.x + x / scale, region.y + y / scale], toUpright));
    } else {
      const { gray, toBitmap } = ports.cropLevelled(region, scale, angle);
      lines.push(...toOcrLines(await ports.recognize(gray, mode), toBitmap, toUpright));
    }
  }
  return lines;
}

/** Share of `a` inside `b`. */
function inside(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? (w * h) / Math.max(1, a[2] * a[3]) : 0;
}

/** Drops a finding the first reading already made (same field, box mostly within): one line, one entry. */
export function withoutRepeats(findings: readonly Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const f of findings) {
    const box = f.box;
    if (box && kept.some((k) => k.field === f.field && k.box && inside(box, k.box) >= 0.8)) continue;
    kept.push(f);
  }
  return kept;
}

/** An MRZ, a card number, or several labelled personal fields: the picture shows an identity or payment card. */
export function looksLikeIdDocument(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.field === 'mrz' || f.field === 'card-number') ||
    findings.filter((f) => f.field === 'name' || f.field === 'id-number' || f.field === 'birth-date').length >= 2;
}

/**
 * Reads the picture and classifies its lines. `toUpright` turns picture pixels into the
 * pixels findings are reported in.
 */
export async function readIdText(ports: TextPorts, toUpright: number): Promise<Finding[]> {
  const print = findPrint(ports);
  const { regions } = print;
  if (regions.length === 0) return [];
  const scale = ocrScale(ports.width, ports.height);
  const w = ports.width * toUpright;
  const h = ports.height * toUpright;
  let angles: number[] | undefined;
  let lines = await readRegions(ports, regions, scale, toUpright, undefined, FIRST);
  let findings = classifyIdText(lines);
  if (findings.length === 0) {
    // Nothing ID-like read straight: try again where the print is tilted. The levelled
    // lines are classified on their own: mixed with the garbled straight reading of the
    // same print, a label would find its "value" among lines of the other reading.
    angles = regions.map((r) => tiltOf(ports, r));
    if (angles.some((a) => a !== 0)) {
      lines = await readRegions(ports, regions, scale, toUpright, angles, LEVELLED);
      findings = classifyIdText(lines);
    }
  }
  if (findings.length === 0) {
    // Still nothing: print whose lines run down the picture (a card photographed sideways)
    // is read a quarter turn round, each way, since which way is up cannot be told here.
    const sideways = regions.map((r) => printRunsSideways(smallCrop(ports, r)));
    for (const turn of sideways.some(Boolean) ? QUARTER_TURNS : []) {
      angles = sideways.map((s) => (s ? turn : 0));
      lines = await readRegions(ports, regions, scale, toUpright, angles, LEVELLED);
      findings = classifyIdText(lines);
      if (findings.length > 0) break;
    }
    // Nothing ID-like read any way round: a card is still a card.
    if (findings.length === 0) return cardFindings(print, ports.width, ports.height, toUpright);
  }
  if (looksLikeIdDocument(findings)) {
    // Automatic layout drops small print on patterned card backgrounds (the fields beside
    // a portrait) or glues a label to the wrong column; sparse mode reads every word group
    // as its own line, so labels and values are found as neighbours. Worth a second
    // reading only on an ID document. The first reading's MRZ lines join in, so that the
    // names and number they hold are found again in the sparse lines.
    const sparse = await readRegions(ports, regions, scale, toUpright, angles, SPARSE);
    const mrz = lines.filter((l) => judgeMrzLine(l.text).shaped);
    findings = withoutRepeats([...findings, ...classifyIdText([...sparse, ...mrz])]);
  }
  return padded(findings, w, h);
}

/** tesseract parameters for a read mode (PSM 3 automatic, 11 sparse; threshold 0 Otsu, 2 Sauvola). */
export function readParameters(mode: ReadMode): Record<string, string> {
  return { tessedit_pageseg_mode: mode.sparse ? '11' : '3', thresholding_method: mode.local ? '2' : '0' };
}
