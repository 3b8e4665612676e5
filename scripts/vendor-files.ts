/**
 * Files the engines load at run time, copied from their npm packages into the build.
 * One copy of each WASM (DESIGN.md "Size"). Paths in the build are what the engines are
 * told to load, see `src/worker/engine-urls.ts`.
 */
import { BUNDLED_TEXT_LANGUAGES } from '../src/common/text-languages';
import { VENDOR_PATHS } from '../src/common/vendor-paths';
import { slimTraineddataGz } from './lib/traineddata';

export interface VendorFile {
  from: string;
  to: string;
  /** What the build ships instead of the package's bytes. */
  transform?: (bytes: Uint8Array) => Uint8Array;
}

export const VENDOR_FILES: readonly VendorFile[] = [
  // MediaPipe's ES-module glue: the only build that loads inside a module worker.
  { from: 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.js', to: `${VENDOR_PATHS.mediapipeDir}/vision_wasm_module_internal.js` },
  { from: 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.wasm', to: `${VENDOR_PATHS.mediapipeDir}/vision_wasm_module_internal.wasm` },
  // tesseract.js: its worker script and one LSTM core, SIMD (every browser this supports has
  // WASM SIMD). Not the relaxed-SIMD core as well: measured on an ID card it was no faster
  // (1.67-1.82 s vs 1.60-1.76 s a page). The loader and the binary WASM, not the `.wasm.js`
  // that embeds it as base64: 1.55 MB zipped against about 1.1 MB.
  { from: 'node_modules/tesseract.js/dist/worker.min.js', to: VENDOR_PATHS.tesseractWorker },
  { from: 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.js', to: VENDOR_PATHS.tesseractCore },
  { from: 'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm', to: VENDOR_PATHS.tesseractCoreWasm },
  ...BUNDLED_TEXT_LANGUAGES.map((lang) => ({
    from: `node_modules/@tesseract.js-data/${lang}/4.0.0_best_int/${lang}.traineddata.gz`,
    to: `${VENDOR_PATHS.tessdataDir}/${lang}.traineddata.gz`,
    transform: slimTraineddataGz,
  })),
  { from: 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', to: VENDOR_PATHS.zxingWasm },
  // libheif: HEIC/HEIF decoding, which browsers cannot do.
  { from: 'node_modules/libheif-js/libheif-wasm/libheif.wasm', to: VENDOR_PATHS.libheifWasm },
];
