/**
 * `npx tsx scripts/id-text-offline.ts [--json] [--write DIR] FILE...`
 * `npx tsx scripts/id-text-offline.ts --leaks FIXTURES_DIR`
 *
 * A stand-in for `npm run scan --out` when no Chromium is at hand: the extension's own
 * reading order (src/engines/ocr/read-text.ts) with tesseract.js and its traineddata
 * running in Node, crops made here instead of on a canvas, the real classifier, and the
 * real redaction (pixelate) on the boxes. What differs from the browser: the crops'
 * resampling (bilinear here), the decoder, and only the text check's boxes are applied
 * (no faces, no barcodes). Its numbers approximate, never replace, `npm run eval`.
 * With --write, the copies land in DIR as PNG.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { levelledFrame } from '../src/engines/ocr/levelled-frame';
import { readIdText, readParameters, type TextPorts } from '../src/engines/ocr/read-text';
import type { Gray } from '../src/engines/ocr/text-regions';
import { redactRegions } from '../src/imaging/redact/redact-regions';
import type { Finding } from '../src/common/findings';
import { formatLeaks } from './lib/identifiers';
import { loadIdentifierLabels, measureLeaks, READER_LANGUAGES } from './lib/leak-eval';
import { decodeImage, encodePng, type Raster } from './lib/raster';
import { describeReader, readerUnavailable } from './lib/tesseract-cli';
import { parseCli, usageError } from './lib/cli-args';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = 'usage: npx tsx scripts/id-text-offline.ts [--json] [--write DIR] FILE... | --leaks [FIXTURES_DIR]';

interface Args {
  json: boolean;
  /** Where the protected copies go (`--write DIR`), if anywhere. */
  out: string | undefined;
  files: string[];
  /** `--leaks [DIR]`: the leak measurement on these fixtures instead (default `fixtures`). */
  leaks: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const { values, positionals } = parseCli(
    argv,
    {
      options: {
        json: { type: 'boolean', default: false },
        write: { type: 'string' },
        // A flag, not a string option: the folder is the positional after it and may be left out.
        leaks: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    },
    USAGE,
  );
  if (values.leaks) {
    if (values.json || values.write !== undefined || positionals.length > 1) usageError('--leaks takes one folder and no other option', USAGE);
    return { json: false, out: undefined, files: [], leaks: resolve(positionals[0] ?? 'fixtures') };
  }
  if (positionals.length === 0) usageError('No file given.', USAGE);
  return { json: values.json, out: values.write, files: positionals, leaks: undefined };
}

/** Grey of `src` at `scale`, bilinear (the browser uses canvas smoothing; close enough). */
function grayOf(img: Raster, sample: (x: number, y: number) => [number, number] | undefined, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = sample(x + 0.5, y + 0.5);
      if (!p) {
        data[y * width + x] = 255;
        continue;
      }
      const sx = Math.min(img.width - 1, Math.max(0, p[0] - 0.5));
      const sy = Math.min(img.height - 1, Math.max(0, p[1] - 0.5));
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const x1 = Math.min(img.width - 1, x0 + 1), y1 = Math.min(img.height - 1, y0 + 1);
      const fx = sx - x0, fy = sy - y0;
      const l = (xx: number, yy: number): number => {
        const i = (yy * img.width + xx) * 4;
        return ((img.data[i] ?? 0) * 77 + (img.data[i + 1] ?? 0) * 150 + (img.data[i + 2] ?? 0) * 29) >> 8;
      };
      data[y * width + x] = Math.round((l(x0, y0) * (1 - fx) + l(x1, y0) * fx) * (1 - fy) + (l(x0, y1) * (1 - fx) + l(x1, y1) * fx) * fy);
    }
  }
  return { data, width, height };
}

function pngOfGray(g: Gray): Buffer {
  const rgba = new Uint8Array(g.width * g.height * 4);
  for (let i = 0; i < g.data.length; i++) {
    const v = g.data[i] ?? 0;
    rgba.set([v, v, v, 255], i * 4);
  }
  return encodePng({ width: g.width, height: g.height, data: rgba });
}

export function nodePorts(img: Raster, worker: Worker): TextPorts {
  return {
    width: img.width,
    height: img.height,
    crop: (src, scale) => {
      const w = Math.max(1, Math.round(src.w * scale));
      const h = Math.max(1, Math.round(src.h * scale));
      return grayOf(img, (x, y) => [src.x + (x * src.w) / w, src.y + (y * src.h) / h], w, h);
    },
    cropLevelled: (src, scale, angle) => {
      const frame = levelledFrame(src, scale, angle);
      const inside = (p: [number, number]): [number, number] | undefined =>
        p[0] >= src.x && p[1] >= src.y && p[0] < src.x + src.w && p[1] < src.y + src.h ? p : undefined;
      return { gray: grayOf(img, (x, y) => inside(frame.toBitmap(x, y)), frame.width, frame.height), toBitmap: frame.toBitmap };
    },
    recognize: async (gray, mode) => {
      await worker.setParameters(readParameters(mode));
      const { data } = await worker.recognize(pngOfGray(gray), {}, { blocks: true, text: false });
      return (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
    },
  };
}

export function nodeWorker(languages: string[]): Promise<Worker> {
  return createWorker(languages, OEM.LSTM_ONLY, {
    // UG_TESSDATA=dist/vendor/tessdata: the traineddata the build ships (without word lists).
    langPath: process.env.UG_TESSDATA ? resolve(process.env.UG_TESSDATA) : join(ROOT, 'node_modules/@tesseract.js-data', languages[0] ?? 'eng', '4.0.0_best_int'),
    gzip: true,
    cacheMethod: 'none',
  }).then(async (w) => {
    await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: '300' });
    return w;
  });
}

/** `--leaks DIR`: copies of the documents of scripts/eval-identifiers.json, then the reader's verdict. */
async function leaks(fixtures: string): Promise<void> {
  const unavailable = readerUnavailable(READER_LANGUAGES);
  if (unavailable) {
    console.log(`Skipped: ${unavailable}.`);
    return;
  }
  const labels = loadIdentifierLabels();
  const copies = mkdtempSync(join(tmpdir(), 'ug-offline-copies-'));
  const worker = await nodeWorker(['eng']);
  try {
    for (const name of Object.keys(labels)) {
      const img = decodeImage(join(fixtures, name));
      if (!img) continue;
      process.stderr.write(`\rprotecting ${name.padEnd(50).slice(0, 50)}`);
      const findings = await readIdText(nodePorts(img, worker), 1);
      writeCopy(img, findings, join(copies, `${basename(name)}.png`));
    }
    const score = await measureLeaks(fixtures, copies, labels, (n) => process.stderr.write(`\rreading ${n.padEnd(50).slice(0, 50)}`));
    process.stderr.write('\n');
    console.log(formatLeaks(score, `${describeReader(READER_LANGUAGES)}; copies made by scripts/id-text-offline.ts (text boxes only)`));
  } finally {
    await worker.terminate();
    rmSync(copies, { recursive: true, force: true });
  }
}

function writeCopy(img: Raster, findings: Finding[], path: string): void {
  const copy = { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data) };
  redactRegions(copy, findings.flatMap((x) => (x.box ? [x.box] : [])), 'pixelate', 1);
  writeFileSync(path, encodePng({ ...copy, data: new Uint8Array(copy.data.buffer) }));
}

async function main(): Promise<void> {
  const { json, out, files, leaks: fixtures } = parseArgs(process.argv.slice(2));
  if (fixtures !== undefined) {
    await leaks(fixtures);
    return;
  }
  if (out) mkdirSync(out, { recursive: true });
  const worker = await nodeWorker(['eng']);
  for (const f of files) {
    const img = decodeImage(f);
    if (!img) continue;
    const findings = await readIdText(nodePorts(img, worker), 1);
    if (out) writeCopy(img, findings, join(out, `${basename(f)}.png`));
    if (json) console.log(JSON.stringify({ file: f, findings }));
    else console.log(`${f}\n${findings.map((x) => `  ${x.field} ${JSON.stringify(x.box)} ${x.text}`).join('\n')}`);
  }
  await worker.terminate();
}

if (process.argv[1]?.endsWith('id-text-offline.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
