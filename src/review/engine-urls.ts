/** Where the build puts each engine's files (see `scripts/vendor-files.ts`). Extension-relative. */
const at = (path: string): string => new URL(`/${path}`, location.origin).href;

export const ENGINE_URLS = {
  mediapipeWasmBase: () => at('vendor/mediapipe'),
  faceModel: () => at('models/face_detection_full_range.tflite'),
  tesseractWorker: () => at('vendor/tesseract/worker.min.js'),
  tesseractCore: () => at('vendor/tesseract'),
  tessdata: () => at('vendor/tessdata'),
  zxingWasm: () => at('vendor/zxing/zxing_reader.wasm'),
  libheifWasm: () => at('vendor/libheif/libheif.wasm'),
};
