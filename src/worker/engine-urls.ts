/** Where the build puts each engine's files (see `scripts/vendor-files.ts`). Extension-relative. */
const at = (path: string): string => new URL(`/${path}`, location.origin).href;

export const ENGINE_URLS = {
  mediapipeWasmBase: () => at('vendor/mediapipe'),
  faceModel: () => at('models/face_detection_full_range.tflite'),
  tesseractWorker: () => at('vendor/tesseract/worker.min.js'),
  // A file, not the folder: tesseract.js then loads it as is instead of choosing by CPU features.
  tesseractCore: () => at('vendor/tesseract/tesseract-core-simd-lstm.js'),
  tessdata: () => at('vendor/tessdata'),
  zxingWasm: () => at('vendor/zxing/zxing_reader.wasm'),
  libheifWasm: () => at('vendor/libheif/libheif.wasm'),
};
