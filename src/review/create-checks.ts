import { ChecksForLanguages } from '../analysis/checks-for-languages';
import { createMetadataCheck } from '../analysis/metadata-check';
import type { Check } from '../analysis/ports';
import { createBarcodeCheck } from '../engines/barcodes/zxing-barcodes';
import { createFaceCheck } from '../engines/faces/mediapipe-faces';
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

/** Every check the pipeline runs, each created once per worker and reused for every photo. */
export function createChecks(): ChecksForLanguages<ImageBitmap> {
  return new ChecksForLanguages<ImageBitmap>(
    [
      createMetadataCheck<ImageBitmap>(),
      createFaceCheck({ wasmBaseUrl: ENGINE_URLS.mediapipeWasmBase(), modelUrl: ENGINE_URLS.faceModel(), wasmModule: true }),
      createBarcodeCheck({ wasmUrl: ENGINE_URLS.zxingWasm() }),
    ],
    textCheck,
  );
}
