import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import type { Box, Finding } from '../../analysis/findings';
import type { Check, CheckInput, CheckOutput } from '../../analysis/ports';
import { growBox, type Margins } from '../../analysis/faces/box-math';
import { nms, DEFAULT_NMS, type NmsOptions } from '../../analysis/faces/nms';
import { boxFromPass, planPasses, type PassOptions } from '../../analysis/faces/plan-passes';
import { detectorCanvas, hasWebGl } from './cpu-webgl';
import { createRegionDrawer } from './draw-region';
import { keepModuleFactory } from './module-factory';

/**
 * The `faces` check: MediaPipe BlazeFace (full-range model) through
 * @mediapipe/tasks-vision, on an overview of the photo plus overlapping tiles for
 * small faces.
 *
 * Where it can run (checked in Chromium): the review frame's main thread, a classic
 * worker, or a module worker with `wasmModule: true`. tasks-vision loads its default
 * WASM glue with a <script> tag or importScripts; a module worker has neither and
 * fails with "ModuleFactory not set", unless the ES-module build of the glue is used.
 * Never in a content script: the page's CSP governs it (DESIGN.md).
 */

export interface FaceCheckOptions {
  /**
   * Folder holding tasks-vision's WASM: vision_wasm_internal.{js,wasm}; the
   * vision_wasm_nosimd_internal pair only matters for browsers without WASM SIMD.
   */
  wasmBaseUrl: string;
  /** The patched face_detection_full_range.tflite (public/models/). */
  modelUrl: string;
  /**
   * Load vision_wasm_module_internal.{js,wasm} instead: required in a module worker,
   * where the default glue cannot be loaded.
   */
  wasmModule?: boolean;
  /**
   * How pictures get into MediaPipe: `gl` through real WebGL, `cpu` through the CPU
   * stand-in (cpu-webgl.ts). Default: `gl` where this context has WebGL, else `cpu`.
   * Both give the same detections: the graph reads the texture back and runs on the CPU.
   */
  imageInput?: 'gl' | 'cpu';
  /** Detections below this score are dropped. */
  minScore?: number;
  /** Tile detections below this score are dropped (tiles look at more clutter). */
  minTileScore?: number;
  passes?: Partial<PassOptions>;
  nms?: NmsOptions;
  margins?: Margins;
}

export interface FaceCheck extends Check<ImageBitmap> {
  /** Loads WASM and model and runs one blank detection, ahead of the first photo (~0.5-0.9 s). */
  warm(): Promise<void>;
  /** Frees the detector; a later run loads it again. */
  close(): void;
}

/**
 * Tuned on /work/shared/fixtures (npm run eval), full-range model only:
 * - The full-range model finds a face down to ~1/12 of its input side (score >= 0.6
 *   at 8 %, fading below 6 %); short-range needs >= 1/8 and finds none at 1/10, so it
 *   adds nothing the full-range model on tiles does not already find.
 * - The overview alone finds 15 of the 60 faces in the unboxed photos (crowds, ID
 *   cards) and 22 of 25 boxed 20-40 px faces; adding tiles sized so a 20 px face
 *   fills 8 % of a tile gives 50 of 60 and 25 of 25.
 * - Tiles look at more clutter, so they need a higher score (0.6) to keep false
 *   alarms on face-free photos at 2 of 76.
 * - 64 tiles at most: ~13 ms each, so ~0.85 s on a 12 MP photo; past that the finest
 *   tiles grow, and only faces under ~25 px in such photos are at risk.
 */
export const DEFAULT_PASSES: PassOptions = {
  overviewSide: 1024,
  tileSide: 384,
  smallFaces: { minFace: 20, minFaceShare: 0.08, overlap: 0.3, maxTiles: 64 },
};

export const DEFAULT_MARGINS: Margins = { left: 0.2, right: 0.2, top: 0.4, bottom: 0.2 };

/**
 * The detector itself is asked for low-confidence results; `minScore` filters in
 * this module, so thresholds can be tuned without reloading the model.
 */
const DETECTOR_FLOOR = 0.3;

export function createFaceCheck(opts: FaceCheckOptions): FaceCheck {
  const passOptions: PassOptions = { ...DEFAULT_PASSES, ...opts.passes };
  const minScore = opts.minScore ?? 0.5;
  const minTileScore = opts.minTileScore ?? 0.6;
  const margins = opts.margins ?? DEFAULT_MARGINS;
  const nmsOptions = opts.nms ?? DEFAULT_NMS;
  let detector: Promise<FaceDetector> | undefined;
  // One canvas for every pass of every photo (at most the overview, ~3 MB), not a new one
  // per photo left for the garbage collector. Photos checked at once can share it: each
  // draw is followed by its detection with no await in between.
  const draw = createRegionDrawer();

  async function create(input: 'gl' | 'cpu'): Promise<FaceDetector> {
    const fileset = await FilesetResolver.forVisionTasks(opts.wasmBaseUrl, opts.wasmModule ?? false);
    keepModuleFactory();
    return FaceDetector.createFromOptions(fileset, {
      canvas: detectorCanvas(input === 'cpu'),
      // Inference runs on the CPU (XNNPACK) on both paths; only the picture's way in differs.
      baseOptions: { modelAssetPath: opts.modelUrl, delegate: 'CPU' },
      runningMode: 'IMAGE',
      minDetectionConfidence: DETECTOR_FLOOR,
    });
  }

  function load(): Promise<FaceDetector> {
    detector ??= (async () => {
      // Without WebGL, tasks-vision cannot take a picture in at all ("GLctx is undefined"):
      // then its canvas gets the CPU stand-in.
      if (opts.imageInput) return create(opts.imageInput);
      if (!hasWebGl()) return create('cpu');
      const gl = await create('gl');
      try {
        // WebGL that exists but does not work for MediaPipe (a lost or crippled context)
        // shows on the first picture: find out now, on a blank one, and switch.
        gl.detect(new OffscreenCanvas(64, 64));
        return gl;
      } catch {
        gl.close();
        return create('cpu');
      }
    })().catch((error: unknown) => {
      // Let the next photo try again rather than failing forever on one bad load.
      detector = undefined;
      throw error;
    });
    return detector;
  }

  async function run(input: CheckInput<ImageBitmap>, signal: AbortSignal, report?: (findings: Finding[]) => void): Promise<CheckOutput> {
    const image = input.image;
    if (!image) throw new Error('The faces check needs the decoded picture');
    const faceDetector = await load();
    const found: { box: Box; score: number }[] = [];
    const toFindings = (): Finding[] =>
      nms(found, nmsOptions).map((f) => ({
        kind: 'face',
        box: growBox(f.box, margins, image.width, image.height),
        score: Math.round(f.score * 1000) / 1000,
      }));
    let reported = false;
    for (const pass of planPasses(image.width, image.height, passOptions)) {
      signal.throwIfAborted();
      if (pass.kind === 'tile') {
        // The overview is done: show its faces now, the tiles only add small ones.
        if (!reported && found.length > 0) report?.(toFindings());
        reported = true;
        // Let the other checks in this worker (barcodes, handing work to OCR) take turns.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const canvas = draw(image, pass.region, pass.outW, pass.outH);
      const threshold = pass.kind === 'tile' ? minTileScore : minScore;
      for (const d of faceDetector.detect(canvas).detections) {
        const score = d.categories[0]?.score ?? 0;
        const bb = d.boundingBox;
        if (!bb || score < threshold) continue;
        found.push({ box: boxFromPass([bb.originX, bb.originY, bb.width, bb.height], pass), score });
      }
    }
    return { findings: toFindings() };
  }

  return {
    name: 'faces',
    needsPixels: true,
    run,
    warm: async () => {
      // One detection on a blank canvas: the first inference sets up the CPU kernels
      // (~250 ms), which would otherwise land on the person's first photo.
      (await load()).detect(new OffscreenCanvas(64, 64));
    },
    close: () => {
      const pending = detector;
      detector = undefined;
      void pending?.then((d) => d.close()).catch(() => undefined);
    },
  };
}
