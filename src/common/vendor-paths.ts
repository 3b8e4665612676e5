/**
 * Where the build puts the engines' files, relative to the extension's root: one list for
 * both sides, `scripts/vendor-files.ts` (which copies them there from their npm packages)
 * and `src/worker/engine-urls.ts` (which tells the engines to load them from there).
 */
export const VENDOR_PATHS = {
  mediapipeDir: 'vendor/mediapipe',
  tesseractWorker: 'vendor/tesseract/worker.min.js',
  // A file, not the folder: tesseract.js then loads it as is instead of choosing by CPU features.
  tesseractCore: 'vendor/tesseract/tesseract-core-simd-lstm.js',
  tesseractCoreWasm: 'vendor/tesseract/tesseract-core-simd-lstm.wasm',
  tessdataDir: 'vendor/tessdata',
  zxingWasm: 'vendor/zxing/zxing_reader.wasm',
  libheifWasm: 'vendor/libheif/libheif.wasm',
} as const;
