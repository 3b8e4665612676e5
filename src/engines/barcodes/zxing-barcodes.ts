/**
 * The `barcodes` check: zxing-wasm (zxing-cpp) reads every symbol in a downscaled copy,
 * then again where the symbols need more pixels (see `run`), and the pure describer says
 * what each one holds. Browser-only (OffscreenCanvas, WASM).
 */
import { said } from '../../common/said';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { Box, Finding } from '../../common/findings';
import { barcodeCandidates, SMALL_PICTURE_PATCH } from '../../analysis/barcodes/barcode-candidates';
import { barcodeSnippet, describeBarcode } from '../../analysis/barcodes/describe-barcode';
import { retailSymbology } from '../../analysis/barcodes/retail-symbology';
import type { Check, CheckInput, CheckOutput, EngineStart } from '../../analysis/ports';
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

/**
 * The extra reads (full-resolution crops, the upscaled small picture) stop starting after
 * this long into the check, well inside its 10 s limit on a slow machine.
 */
const EXTRA_BUDGET_MS = 3000;
/** Crops are read at most this much enlarged (thin bars need 2-3 px per module). */
const MAX_CROP_UPSCALE = 2;

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

/** The pixels of `area` of the picture (all of it by default), scaled by `scale`. */
function pixels(bitmap: ImageBitmap, scale: number, area: Box = [0, 0, bitmap.width, bitmap.height]): ImageData {
  const [sx, sy, sw, sh] = area;
  const width = Math.max(1, Math.round(sw * scale));
  const height = Math.max(1, Math.round(sh * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas context');
  ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, width, height);
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

type Read = Awaited<ReturnType<typeof readBarcodes>>[number];

/** A symbol read somewhere, with its corners in the picture's pixels. */
interface Located {
  read: Read;
  box: Box;
}

/** Valid symbols read from pixels of `area` scaled by `scale`, placed on the picture. */
function locate(results: Read[], area: Box, scale: number): Located[] {
  return results
    .filter((r) => r.isValid)
    .map((read) => {
      const p = read.position;
      const xs = [p.topLeft.x, p.topRight.x, p.bottomLeft.x, p.bottomRight.x].map((x) => area[0] + x / scale);
      const ys = [p.topLeft.y, p.topRight.y, p.bottomLeft.y, p.bottomRight.y].map((y) => area[1] + y / scale);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return { read, box: [x, y, Math.max(...xs) - x, Math.max(...ys) - y] };
    });
}

const centreInside = ([x, y, w, h]: Box, [bx, by, bw, bh]: Box): boolean => x + w / 2 >= bx && x + w / 2 <= bx + bw && y + h / 2 >= by && y + h / 2 <= by + bh;

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
    /**
     * Three reads, each only where it can find more: the overview (at most 1600 px); a
     * small picture again at twice its size (a PDF417 on an 800 px photo decodes only so);
     * on a large picture, the patches that look like bars (`barcodeCandidates`) cropped at
     * full resolution, where a product code's 2 px bars are still bars.
     */
    async run(input: CheckInput<ImageBitmap>, signal: AbortSignal, _report?: unknown, starting: EngineStart = (start) => start): Promise<CheckOutput> {
      const bitmap = input.image;
      if (!bitmap) return { findings: [], notes: [said('noteBarcodesNotDecoded')] };
      await starting(engine());
      const started = performance.now();
      signal.throwIfAborted();
      const whole: Box = [0, 0, bitmap.width, bitmap.height];
      const longSide = Math.max(bitmap.width, bitmap.height);
      const scale = Math.min(1, MAX_SIDE / longSide);
      const overview = pixels(bitmap, scale);
      const found = locate(await readBarcodes(overview, READER_OPTIONS), whole, scale);
      const more = (): boolean => !signal.aborted && performance.now() - started < EXTRA_BUDGET_MS;
      const add = (located: Located[]): void => {
        for (const l of located) {
          if (!found.some((f) => f.read.format === l.read.format && f.read.text === l.read.text)) found.push(l);
        }
      };
      const small = longSide * 2 <= MAX_SIDE;
      // A large picture: patches that look like bars are cropped at full resolution (the
      // overview lost detail above ~2100 px). A small one is read again at twice its size
      // (4x the pixels, most of a clean small photo's barcode time) only where it has a
      // dense patch of contrast in any direction: bars, QR modules or print, not skin or sky.
      const patches = small ? barcodeCandidates(overview.data, overview.width, overview.height, SMALL_PICTURE_PATCH) : [];
      const crops = !small && scale < 0.75 ? barcodeCandidates(overview.data, overview.width, overview.height) : [];
      releaseBuffer(overview.data);
      if (patches.length > 0 && more()) {
        const enlarged = pixels(bitmap, 2);
        add(locate(await readBarcodes(enlarged, READER_OPTIONS), whole, 2));
        releaseBuffer(enlarged.data);
      }
      for (const c of crops) {
        if (!more()) break;
        const area: Box = [c[0] / scale, c[1] / scale, c[2] / scale, c[3] / scale];
        if (found.some((f) => centreInside(area, f.box))) continue;
        const cropScale = Math.min(MAX_CROP_UPSCALE, MAX_SIDE / Math.max(area[2], area[3]));
        const crop = pixels(bitmap, cropScale, area);
        add(locate(await readBarcodes(crop, READER_OPTIONS), area, cropScale));
        releaseBuffer(crop.data);
      }
      const k = input.width / bitmap.width;
      const findings: Finding[] = found.map(({ read, box: [x, y, w, h] }) => {
        const r = retailSymbology(read.format, read.text);
        return {
          kind: 'barcode',
          box: padLinear([x * k, y * k, w * k, h * k], input.height),
          format: r.format,
          field: describeBarcode(r.format, r.text).field,
          text: barcodeSnippet(r.text),
        };
      });
      return { findings };
    },
  };
}
