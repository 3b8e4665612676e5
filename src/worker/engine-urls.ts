import { VENDOR_PATHS } from '../common/vendor-paths';

/** Where the engines load their files from: the build's copies (`VENDOR_PATHS`), as URLs. */
const at = (path: string): string => new URL(`/${path}`, location.origin).href;

export const ENGINE_URLS = {
  mediapipeWasmBase: () => at(VENDOR_PATHS.mediapipeDir),
  // The patched model, committed in public/models (not a package's file).
  faceModel: () => at('models/face_detection_full_range.tflite'),
  tesseractWorker: () => at(VENDOR_PATHS.tesseractWorker),
  tesseractCore: () => at(VENDOR_PATHS.tesseractCore),
  tessdata: () => at(VENDOR_PATHS.tessdataDir),
  zxingWasm: () => at(VENDOR_PATHS.zxingWasm),
  libheifWasm: () => at(VENDOR_PATHS.libheifWasm),
};
