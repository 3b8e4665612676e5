/**
 * Files the engines load at run time, copied from their npm packages into the build.
 * One copy of each WASM (DESIGN.md "Size"). Paths in the build are what the engines are
 * told to load, see `src/review/engine-urls.ts`.
 */
export const TEXT_LANGUAGES = ['eng', 'jpn', 'hin', 'fra'] as const;

export const VENDOR_FILES: readonly { from: string; to: string }[] = [
  // MediaPipe's ES-module glue: the only build that loads inside a module worker.
  { from: 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.js', to: 'vendor/mediapipe/vision_wasm_module_internal.js' },
  { from: 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.wasm', to: 'vendor/mediapipe/vision_wasm_module_internal.wasm' },
  // tesseract.js: its worker script and the LSTM cores (relaxed SIMD for current Chromium, SIMD otherwise).
  { from: 'node_modules/tesseract.js/dist/worker.min.js', to: 'vendor/tesseract/worker.min.js' },
  { from: 'node_modules/tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm.js', to: 'vendor/tesseract/tesseract-core-relaxedsimd-lstm.wasm.js' },
  { from: 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm.js', to: 'vendor/tesseract/tesseract-core-simd-lstm.wasm.js' },
  ...TEXT_LANGUAGES.map((lang) => ({
    from: `node_modules/@tesseract.js-data/${lang}/4.0.0_best_int/${lang}.traineddata.gz`,
    to: `vendor/tessdata/${lang}.traineddata.gz`,
  })),
  { from: 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', to: 'vendor/zxing/zxing_reader.wasm' },
  // libheif: HEIC/HEIF decoding, which browsers cannot do.
  { from: 'node_modules/libheif-js/libheif-wasm/libheif.wasm', to: 'vendor/libheif/libheif.wasm' },
];
