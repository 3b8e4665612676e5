/**
 * The `text` check: finds print cheaply, reads it with tesseract.js, and hands the lines
 * to the pure classifier. Browser-only (OffscreenCanvas, Web Worker); exercised in real
 * Chromium, never in Node.
 */
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { Box } from '../../analysis/findings';
import { classifyIdText, type OcrLine } from '../../analysis/id-text/classify-id-text';
import type { Check, CheckInput, CheckOutput } from '../../analysis/ports';
import { estimateSkew } from './estimate-skew';
import { grayCrop, grayCropLevelled, toPgm } from './gray';
import { area, findTextRegions, mergeRects, type Gray, type Rect } from './text-regions';

export interface TextCheckOptions {
  /** URL of tesseract.js `worker.min.js`, bundled with the extension. */
  workerPath: string;
  /** URL of the folder holding `tesseract-core-*-lstm.wasm.js`. */
  corePath: string;
  /** URL of the folder holding `<lang>.traineddata.gz`. */
  langPath: string;
  /** tesseract language codes, e.g. ['eng'] or ['eng', 'jpn']. */
  languages: string[];
}

export interface TextCheck extends Check<ImageBitmap> {
  /** Loads the engine and traineddata ahead of the first photo. */
  warm(): Promise<void>;
}

/** Long side of the copy the region finder looks at: enough for ID-card print. */
const FINDER_SIDE = 640;
/**
 * Long side at which regions are read. Card text photographed whole is 20–40 px high at
 * 2000 px; more only costs time (recognition is roughly linear in pixels).
 */
const OCR_SIDE = 2000;
/** Small pictures are enlarged to this: tesseract misreads letters under ~20 px. */
const OCR_MIN_SIDE = 1200;
/** Beyond this many separate regions, reading them one by one costs more than the whole. */
const MAX_REGIONS = 6;
/** Tilts smaller than this are read fine as they are; a weak profile peak is no tilt. */
const MIN_TILT_DEG = 4;
const MIN_TILT_GAIN = 1.15;

/** If regions cover most of the picture, one pass over the whole is cheaper. */
const WHOLE_IF_COVERED = 0.5;

export function createTextCheck(opts: TextCheckOptions): TextCheck {
  let worker: Promise<Worker> | undefined;

  function engine(): Promise<Worker> {
    worker ??= createWorker(opts.languages, OEM.LSTM_ONLY, {
      workerPath: opts.workerPath,
      corePath: opts.corePath,
      langPath: opts.langPath,
      // Extension CSP forbids blob: workers; the worker script is a bundled file.
      workerBlobURL: false,
      gzip: true,
      // Nothing to cache: traineddata comes from the extension itself, and IndexedDB
      // copies would only grow the profile.
      cacheMethod: 'none',
    }).then(async (w) => {
      await w.setParameters({
        tessedit_pageseg_mode: PSM.AUTO,
        // Our crops carry no DPI; tesseract otherwise warns and guesses 70.
        user_defined_dpi: '300',
      });
      return w;
    });
    worker.catch(() => {
      worker = undefined; // Let a later photo retry instead of failing forever.
    });
    return worker;
  }

  /**
   * Recognises a grey crop and returns its lines with boxes on the upright image.
   * `toBitmap` maps a crop pixel to bitmap pixels; for a levelled (turned) crop the box is
   * the one around the tilted line.
   */
  async function readLines(w: Worker, gray: Gray, toBitmap: (x: number, y: number) => [number, number], toUpright: number): Promise<OcrLine[]> {
    const { data } = await w.recognize(toPgm(gray), {}, { blocks: true, text: false });
    const lines: OcrLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const para of block.paragraphs) {
        for (const line of para.lines) {
          const text = line.text.trim();
          if (text === '') continue;
          const { x0, y0, x1, y1 } = line.bbox;
          const corners = [toBitmap(x0, y0), toBitmap(x1, y0), toBitmap(x0, y1), toBitmap(x1, y1)];
          const xs = corners.map((c) => c[0] * toUpright);
          const ys = corners.map((c) => c[1] * toUpright);
          const left = Math.max(0, Math.round(Math.min(...xs)));
          const top = Math.max(0, Math.round(Math.min(...ys)));
          const box: Box = [left, top, Math.round(Math.max(...xs)) - left, Math.round(Math.max(...ys)) - top];
          lines.push({ text, box, confidence: line.confidence / 100 });
        }
      }
    }
    return lines;
  }

  function readRegion(w: Worker, bitmap: ImageBitmap, region: Rect, scale: number, toUpright: number): Promise<OcrLine[]> {
    return readLines(w, grayCrop(bitmap, region, scale), (x, y) => [region.x + x / scale, region.y + y / scale], toUpright);
  }

  /** A region whose lines are tilted (a document photographed at an angle), turned level first. */
  function readTilted(w: Worker, bitmap: ImageBitmap, region: Rect, scale: number, toUpright: number, angle: number): Promise<OcrLine[]> {
    const { gray, toBitmap } = grayCropLevelled(bitmap, region, scale, angle);
    return readLines(w, gray, toBitmap, toUpright);
  }

  /** The tilt of a region's lines, judged on a small grey copy; 0 when they are level enough. */
  function tiltOf(bitmap: ImageBitmap, region: Rect): number {
    const k = Math.min(1, 700 / Math.max(region.w, region.h));
    const { angle, gain } = estimateSkew(grayCrop(bitmap, region, k));
    return Math.abs(angle) >= MIN_TILT_DEG && gain >= MIN_TILT_GAIN ? angle : 0;
  }

  /** Regions to read, in bitmap pixels. */
  function plan(bitmap: ImageBitmap): Rect[] {
    const whole: Rect = { x: 0, y: 0, w: bitmap.width, h: bitmap.height };
    const finderScale = Math.min(1, FINDER_SIDE / Math.max(bitmap.width, bitmap.height));
    const small = grayCrop(bitmap, whole, finderScale);
    const found = findTextRegions(small);
    if (found.length === 0) return [];
    const merged = mergeRects(found, 16);
    const covered = merged.reduce((sum, r) => sum + area(r), 0) / (small.width * small.height);
    if (merged.length > MAX_REGIONS || covered > WHOLE_IF_COVERED) return [whole];
    return merged.map((r) => ({
      x: r.x / finderScale,
      y: r.y / finderScale,
      w: Math.min(bitmap.width, r.w / finderScale),
      h: Math.min(bitmap.height, r.h / finderScale),
    }));
  }

  return {
    name: 'text',
    needsPixels: true,
    async warm(): Promise<void> {
      await engine();
    },
    async run(input: CheckInput<ImageBitmap>, signal: AbortSignal): Promise<CheckOutput> {
      const bitmap = input.image;
      if (!bitmap) return { findings: [], note: 'The picture could not be decoded, so its text was not read.' };
      const regions = plan(bitmap);
      if (regions.length === 0) return { findings: [] };
      const w = await engine();
      const long = Math.max(bitmap.width, bitmap.height);
      const scale = long < OCR_MIN_SIDE ? Math.min(3, OCR_MIN_SIDE / long) : Math.min(1, OCR_SIDE / long);
      const toUpright = input.width / bitmap.width;
      const lines: OcrLine[] = [];
      for (const region of regions) {
        signal.throwIfAborted();
        lines.push(...(await readRegion(w, bitmap, region, scale, toUpright)));
      }
      let findings = classifyIdText(lines);
      if (findings.length === 0) {
        // Nothing ID-like read straight: try again where the print is tilted.
        for (const region of regions) {
          signal.throwIfAborted();
          const angle = tiltOf(bitmap, region);
          if (angle !== 0) lines.push(...(await readTilted(w, bitmap, region, scale, toUpright, angle)));
        }
        findings = classifyIdText(lines);
      }
      return { findings };
    },
  };
}
