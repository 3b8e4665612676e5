import { ChecksForLanguages } from '../analysis/checks-for-languages';
import { createMetadataCheck } from '../analysis/metadata-check';
import type { Check } from '../analysis/ports';
import { createBarcodeCheck } from '../engines/barcodes/zxing-barcodes';
import { createFaceCheck } from '../engines/faces/mediapipe-faces';
import { createTileHelper } from '../engines/faces/tile-helper';
import { createTextCheck } from '../engines/ocr/tesseract-text';
import { ENGINE_URLS } from './engine-urls';
import { textLanguagesFor } from '../common/text-languages';

/** The text check for English, the browser's language and the languages the person turned on. */
function textCheck(extraLanguages: readonly string[]): Check<ImageBitmap> {
  return createTextCheck({
    workerPath: ENGINE_URLS.tesseractWorker(),
    corePath: ENGINE_URLS.tesseractCore(),
    langPath: ENGINE_URLS.tessdata(),
    languages: textLanguagesFor(navigator.language, extraLanguages),
  });
}

/**
 * The tile worker is the analysis worker's own bundle started by name (analysis-worker.ts
 * turns into face-tile-worker.ts then): a bundle of its own would ship MediaPipe's glue a
 * second time (+50 KB in the zip).
 */
export const TILE_WORKER_NAME = 'face-tiles';
const spawnTileWorker = (): Worker => new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: TILE_WORKER_NAME });

/** Every check the pipeline runs, each created once per worker and reused for every photo. */
export function createChecks(): ChecksForLanguages<ImageBitmap> {
  return new ChecksForLanguages<ImageBitmap>(
    [
      createMetadataCheck<ImageBitmap>(),
      createFaceCheck({
        wasmBaseUrl: ENGINE_URLS.mediapipeWasmBase(),
        modelUrl: ENGINE_URLS.faceModel(),
        wasmModule: true,
        // A second core looks at half the tiles; on one core it would only take turns.
        ...(navigator.hardwareConcurrency >= 2 ? { tileHelper: createTileHelper(spawnTileWorker) } : {}),
      }),
      createBarcodeCheck({ wasmUrl: ENGINE_URLS.zxingWasm() }),
    ],
    textCheck,
  );
}
