/**
 * The `barcodes` check: zxing-wasm (zxing-cpp) reads every symbol in a downscaled copy,
 * and the pure describer says what each one holds. Browser-only (OffscreenCanvas, WASM).
 */
import { said } from '../../common/said';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { Box, Finding } from '../../analysis/findings';
import { barcodeSnippet, describeBarcode } from '../../analysis/barcodes/describe-barcode';
import type { Check, CheckInput, CheckOutput } from '../../analysis/ports';
import { releaseBuffer, releaseCanvas } from '../release-memory';

export interface BarcodeCheckOptions {
  /** URL of the bundled `zxing_reader.wasm`. */
  wasmUrl: string;
}

export interface BarcodeCheck extends Check<ImageBitmap> {
  warm(): Promise<void>;
}

/**
 * 1600 px keeps a QR in a 12 MP photo readable (DESIGN.md: 151 ms) while a full-size read
 * costs several times more.
 */
const MAX_SIDE = 1600;

const READER_OPTIONS: ReaderOptions = {
  // The symbologies on IDs, wristbands, specimen labels, prescriptions and medicine,
  // plus the retail ones, which cost little and let us say "a product code".
  formats: ['PDF417', 'QRCode', 'MicroQRCode', 'Code128', 'DataMatrix', 'Aztec', 'Code39', 'ITF', 'EAN13', 'UPCA'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 8,
};

function pixels(bitmap: ImageBitmap, scale: number): ImageData {
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas context');
  ctx.drawImage(bitmap, 0, 0, width, height);
  const data = ctx.getImageData(0, 0, width, height);
  releaseCanvas(canvas);
  return data;
}

/**
 * Linear codes report only the scan lines that crossed the bars, often a sliver; grow the
 * box to a third of its width (the usual bar height) so a redaction covers the bars.
 */
function padLinear([x, y, w, h]: Box, imageHeight: number): Box {
  const minH = w * 0.3;
  if (h < minH) {
    const top = Math.max(0, y + h / 2 - minH / 2);
    return [Math.round(x), Math.round(top), Math.round(w), Math.round(Math.min(minH, imageHeight - top))];
  }
  return [Math.round(x), Math.round(y), Math.max(1, Math.round(w)), Math.max(1, Math.round(h))];
}

export function createBarcodeCheck(opts: BarcodeCheckOptions): BarcodeCheck {
  let ready: Promise<unknown> | undefined;

  function engine(): Promise<unknown> {
    ready ??= prepareZXingModule({
      overrides: {
        // Never the CDN: the WASM ships inside the extension.
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? opts.wasmUrl : prefix + path),
      },
      fireImmediately: true,
    });
    ready.catch(() => {
      ready = undefined;
    });
    return ready;
  }

  return {
    name: 'barcodes',
    needsPixels: true,
    async warm(): Promise<void> {
      await engine();
    },
    async run(input: CheckInput<ImageBitmap>, signal: AbortSignal): Promise<CheckOutput> {
      const bitmap = input.image;
      if (!bitmap) return { findings: [], notes: [said('noteBarcodesNotDecoded')] };
      await engine();
      signal.throwIfAborted();
      const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      const image = pixels(bitmap, scale);
      const results = await readBarcodes(image, READER_OPTIONS);
      releaseBuffer(image.data);
      const k = input.width / bitmap.width / scale;
      const findings: Finding[] = results
        .filter((r) => r.isValid)
        .map((r) => {
          const p = r.position;
          const xs = [p.topLeft.x, p.topRight.x, p.bottomLeft.x, p.bottomRight.x];
          const ys = [p.topLeft.y, p.topRight.y, p.bottomLeft.y, p.bottomRight.y];
          const x = Math.min(...xs);
          const y = Math.min(...ys);
          const box = padLinear([x * k, y * k, (Math.max(...xs) - x) * k, (Math.max(...ys) - y) * k], input.height);
          return {
            kind: 'barcode',
            box,
            format: r.format,
            field: describeBarcode(r.format, r.text).field,
            text: barcodeSnippet(r.text),
          };
        });
      return { findings };
    },
  };
}
