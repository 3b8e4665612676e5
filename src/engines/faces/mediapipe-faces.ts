import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import type { Box, Finding } from '../../common/findings';
import type { Check, CheckInput, CheckOutput, EngineStart, WarmOptions } from '../../analysis/ports';
import { growBox, HEAD_MARGINS, iou, turnMargins, type Margins } from '../../analysis/faces/box-math';
import { nms, DEFAULT_NMS, type NmsOptions } from '../../analysis/faces/nms';
import {
  boxFromPass,
  passThreshold,
  pickCandidates,
  planConfirmations,
  planPasses,
  shareTiles,
  type ConfirmOptions,
  type DetectionPass,
  type Detection,
  type PassOptions,
  type PassThresholds,
} from '../../analysis/faces/plan-passes';
import { detectorCanvas, hasWebGl } from './cpu-webgl';
import { createRegionDrawer } from './draw-region';
import { keepModuleFactory } from './module-factory';
import { takeTurns } from '../../common/take-turns';
import { keepsFace } from '../../analysis/faces/skin-hue';
import { createPixelSampler } from './sample-pixels';

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
  /** Detections below their pass's score are dropped. */
  thresholds?: Partial<PassThresholds>;
  /** Second looks at detections just under their pass's score; `false`: none. */
  confirm?: ConfirmOptions | false;
  passes?: Partial<PassOptions>;
  nms?: NmsOptions;
  margins?: Margins;
  /**
   * A second detector in a worker of its own, which looks at every other tile while this
   * one looks at the rest: the tiles are most of a photo's detection time, and MediaPipe's
   * WASM uses one thread. Without it (or when it fails) every tile is looked at here.
   */
  tileHelper?: TileHelper;
}

/** Detections of one pass, already in photo pixels. */
export type PassDetections = { box: Box; score: number }[];

export interface TileHelper {
  detect(image: ImageBitmap, passes: readonly DetectionPass[]): Promise<PassDetections[]>;
  /** Starts its detector; `isWarm()` once that is done. */
  warm(): Promise<void>;
  isWarm(): boolean;
  close(): void;
}

/**
 * Below this many tiles the helper is not asked: handing a picture over costs a few ms,
 * and its share would be a few detections.
 */
const HELPER_MIN_TILES = 8;

export interface FaceCheck extends Check<ImageBitmap> {
  /** Loads WASM and model and runs one blank detection, ahead of the first photo (~0.5-0.9 s). */
  warm(options?: WarmOptions): Promise<void>;
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
 * - Finer tiles (a 20 px face at 12 % of a tile) doubled the time and the false alarms
 *   and found no more (2026-12-02).
 * - Faces cut by the frame's edge (a stress set made from the fixtures,
 *   scripts/face-stress-set.py): the mirrored overview found 2 more of 38 cut at the
 *   top, the overview inside a grey border 2 more of 54 cut at a side; no fixture
 *   changed. The border needs 0.6: at 0.5 it took a dark photo of coins for a face.
 * - Faces turned in the frame (a baby lying across the bed or photographed from its head
 *   end; 28 face photos of the fixtures and the corpus turned with OpenCV, 2026-12-03): of
 *   the faces found upright, the upright passes found 70 % turned 90° and 26 % upside
 *   down; the overview turned three ways finds 82 % and 64 % at a bar of 0.65, drawn at
 *   512 px (the detector sees 192 px: 1024 found no more). At 0.5 it found 85 % and 69 %
 *   but took rocks, food and shop fronts for faces (corpus false alarms 7 -> 17 of 101).
 */
export const DEFAULT_PASSES: PassOptions = {
  overviewSide: 1024,
  tileSide: 384,
  smallFaces: { minFace: 20, minFaceShare: 0.08, overlap: 0.3, maxTiles: 64 },
  mirrorOverview: true,
  edgePad: 0.2,
  turns: [90, 180, 270],
  turnSide: 512,
};

export const DEFAULT_THRESHOLDS: PassThresholds = { overview: 0.5, padded: 0.6, tile: 0.6, confirm: 0.6, turned: 0.65 };

/**
 * A half-hidden back-row face scores 0.4-0.6 in a tile; a square centred on it, where
 * it fills a fifth, scores it 0.62-0.68. On the fixtures this found 3 more faces in
 * deface_city.jpg (all real, checked by eye) and no false alarm; at most 8 candidates,
 * so at most 8 more detections (~15-40 ms each) on a photo.
 */
export const DEFAULT_CONFIRM: ConfirmOptions = { candidateScore: 0.4, maxCandidates: 8, faceShare: 0.2, side: 384, matchIou: 0.2 };

/**
 * The detector itself is asked for low-confidence results; `minScore` filters in
 * this module, so thresholds can be tuned without reloading the model.
 */
const DETECTOR_FLOOR = 0.3;

/**
 * MediaPipe's detector and what it looks at one pass at a time: the face check's own, and
 * the tile helper's in its worker (face-tile-worker.ts).
 */
export interface PassDetector {
  /** Draws the pass's region of `image` (or of `from`, a drawing of the whole photo) and detects on it. */
  detect(image: ImageBitmap | OffscreenCanvas, pass: DetectionPass, from?: 'drawing'): PassDetections;
  /** The canvas the last pass was drawn on. */
  lastDrawing(): OffscreenCanvas | undefined;
  ready(): Promise<void>;
  close(): void;
}

export function createPassDetector(opts: Pick<FaceCheckOptions, 'wasmBaseUrl' | 'modelUrl' | 'wasmModule' | 'imageInput'>): PassDetector {
  let detector: Promise<FaceDetector> | undefined;
  let loaded: FaceDetector | undefined;
  let drawing: OffscreenCanvas | undefined;
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
    })().then(
      (d) => (loaded = d),
      (error: unknown) => {
        // Let the next photo try again rather than failing forever on one bad load.
        detector = undefined;
        throw error;
      },
    );
    return detector;
  }

  return {
    detect(image, pass, from) {
      if (!loaded) throw new Error('The face detector is not loaded');
      const canvas = from === 'drawing' ? draw(image, [0, 0, image.width, image.height], pass.outW, pass.outH, pass) : draw(image, pass.region, pass.outW, pass.outH, pass);
      drawing = canvas;
      return loaded.detect(canvas).detections.flatMap((d) => {
        const bb = d.boundingBox;
        return bb ? [{ box: boxFromPass([bb.originX, bb.originY, bb.width, bb.height], pass), score: d.categories[0]?.score ?? 0 }] : [];
      });
    },
    lastDrawing: () => drawing,
    ready: async () => {
      await load();
    },
    close: () => {
      const pending = detector;
      detector = undefined;
      loaded = undefined;
      void pending?.then((d) => d.close()).catch(() => undefined);
    },
  };
}

export function createFaceCheck(opts: FaceCheckOptions): FaceCheck {
  const passOptions: PassOptions = { ...DEFAULT_PASSES, ...opts.passes };
  const thresholds: PassThresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const confirm = opts.confirm ?? DEFAULT_CONFIRM;
  const margins = opts.margins ?? HEAD_MARGINS;
  const nmsOptions = opts.nms ?? DEFAULT_NMS;
  const passDetector = createPassDetector(opts);
  const helper = opts.tileHelper;

  async function run(input: CheckInput<ImageBitmap>, signal: AbortSignal, report?: (findings: Finding[]) => void, starting: EngineStart = (start) => start): Promise<CheckOutput> {
    const image = input.image;
    if (!image) throw new Error('The faces check needs the decoded picture');
    await starting(passDetector.ready());
    // The mirrored and bordered overviews are drawn from the plain overview's drawing, not
    // again from the photo: downscaling 12 MP with smoothing is the costly part of a pass.
    let overview: OffscreenCanvas | undefined;
    const detect = (pass: DetectionPass): PassDetections => {
      if (overview && pass.kind === 'overview') return passDetector.detect(overview, pass, 'drawing');
      const found = passDetector.detect(image, pass);
      if (pass.kind === 'overview' && !overview && !pass.mirror && !pass.padX && !pass.padY) {
        const canvas = passDetector.lastDrawing();
        if (canvas) {
          overview = new OffscreenCanvas(canvas.width, canvas.height);
          overview.getContext('2d')?.drawImage(canvas, 0, 0);
        }
      }
      return found;
    };
    const found: Detection[] = [];
    const sampler = createPixelSampler(image);
    const toFindings = (): Finding[] =>
      nms(found.filter((f) => f.score >= f.bar), nmsOptions)
        .filter((f) => keepsFace(f.score, f.box, () => sampler.colour(), (box) => sampler.pixels(box)))
        .map((f) => ({
          kind: 'face',
          box: growBox(f.box, turnMargins(margins, f.turn), image.width, image.height),
          score: Math.round(f.score * 1000) / 1000,
        }));
    const keep = (pass: DetectionPass, detections: PassDetections): void => {
      const bar = passThreshold(pass, thresholds);
      // Detections a little under the bar are kept as candidates for a second look (upright:
      // a turned face would not be seen in it).
      const floor = confirm && !pass.turn ? Math.min(bar, confirm.candidateScore) : bar;
      for (const d of detections) if (d.score >= floor) found.push({ ...d, bar, ...(pass.turn ? { turn: pass.turn } : {}) });
    };
    const passes = planPasses(image.width, image.height, passOptions);
    // A warm-up ahead of the photo starts the helper (see `warm`). Started only with the first
    // photo that has tiles enough even then (tried 2026-12-02), it was not warm for that photo:
    // all checks on a 12 MP photo 2.67 -> 3.39 s, a clean one to the page 2.11 -> 3.00 s (bench,
    // medians, same machine). One still loading (~1 s: a photo that came with no press first)
    // would make this photo wait: it helps from the next photo on.
    const enoughTiles = passes.filter((p) => p.kind === 'tile').length >= HELPER_MIN_TILES;
    const helping = enoughTiles && helper?.isWarm() === true;
    if (enoughTiles && helper && !helper.isWarm()) void helper.warm().catch(() => undefined);
    const { local, remote } = shareTiles(passes, helping ? 2 : 1);
    // The helper's share starts at once, on the other core; if it fails, those tiles are looked at here.
    const helped = remote.length > 0 && helper ? helper.detect(image, remote).catch(() => undefined) : Promise.resolve([]);
    for (const [i, pass] of local.entries()) {
      signal.throwIfAborted();
      // Let the other checks in this worker (barcodes, handing work to OCR) take turns.
      if (pass.kind === 'tile') await takeTurns();
      keep(pass, detect(pass));
      if (i === 0) {
        // The plain overview is done: show its faces now; the other looks, the tiles and
        // the second looks only add faces (the mirrored and bordered looks cost ~2 detections).
        const sofar = toFindings();
        if (sofar.length > 0) report?.(sofar);
        // The checks started after this one begin now (run-checks.ts starts them a task apart).
        await takeTurns();
      }
    }
    const fromHelper = await helped;
    for (const [i, pass] of remote.entries()) {
      const detections = fromHelper?.[i];
      if (detections) {
        keep(pass, detections);
        continue;
      }
      await takeTurns();
      signal.throwIfAborted();
      keep(pass, detect(pass));
    }
    if (confirm) {
      const candidates = pickCandidates(found, confirm, nmsOptions);
      const looks = planConfirmations(candidates, image.width, image.height, confirm);
      for (const [i, pass] of looks.entries()) {
        await takeTurns();
        signal.throwIfAborted();
        const candidate = candidates[i] as Box;
        const bar = passThreshold(pass, thresholds);
        // Only what stands for the candidate counts: the look's region holds other faces too.
        for (const d of detect(pass)) if (d.score >= bar && iou(d.box, candidate) >= confirm.matchIou) found.push({ ...d, bar });
      }
    }
    return { findings: toFindings() };
  }

  return {
    name: 'faces',
    needsPixels: true,
    run,
    warm: async ({ ahead = true }: WarmOptions = {}) => {
      // One detection on a blank picture: the first inference sets up the CPU kernels
      // (~250 ms), which would otherwise land on the person's first photo. Ahead of a photo the
      // helper starts next (the first photo is usually the large one); with a photo, it cannot
      // be ready in time for it, and starts only if the photo has tiles to share. After this
      // engine, not beside it: two MediaPipe starts at once took both cores in a new browser,
      // and the first warning of its first photo waited behind them (bench, cold: 1067 → 413 ms).
      await passDetector.ready();
      passDetector.detect(new OffscreenCanvas(64, 64), { kind: 'overview', region: [0, 0, 64, 64], outW: 64, outH: 64 });
      if (ahead) void helper?.warm().catch(() => undefined);
    },
    close: () => {
      passDetector.close();
      helper?.close();
    },
  };
}
