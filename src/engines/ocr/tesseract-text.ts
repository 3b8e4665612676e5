/**
 * The `text` check: finds print cheaply, reads it with tesseract.js, and hands the lines
 * to the pure classifier. Browser-only (OffscreenCanvas, Web Worker); exercised in real
 * Chromium, never in Node.
 */
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { Check, CheckInput, CheckOutput, EngineStart } from '../../analysis/ports';
import { said } from '../../common/said';
import { grayCrop, grayCropLevelled, toPgm } from './gray';
import { readIdText, readParameters, type RawLine, type ReadMode } from './read-text';
import type { Gray } from './text-regions';

export interface TextCheckOptions {
  /** URL of tesseract.js `worker.min.js`, bundled with the extension. */
  workerPath: string;
  /** URL of the folder holding `tesseract-core-*-lstm.wasm.js`. */
  corePath: string;
  /** URL of the folder holding `<lang>.traineddata.gz`. */
  langPath: string;
  /** tesseract language codes, e.g. ['eng'] or ['eng', 'jpn']. */
  languages: string[];
}

export interface TextCheck extends Check<ImageBitmap> {
  /** Loads the engine and traineddata ahead of the first photo. */
  warm(): Promise<void>;
}

export function createTextCheck(opts: TextCheckOptions): TextCheck {
  let worker: Promise<Worker> | undefined;
  /** The read mode the worker is set to; a new worker starts in the first reading's. */
  let mode: ReadMode = { sparse: false, local: false };

  function engine(): Promise<Worker> {
    worker ??= createWorker(opts.languages, OEM.LSTM_ONLY, {
      workerPath: opts.workerPath,
      corePath: opts.corePath,
      langPath: opts.langPath,
      // Extension CSP forbids blob: workers; the worker script is a bundled file.
      workerBlobURL: false,
      gzip: true,
      // Nothing to cache: traineddata comes from the extension itself, and IndexedDB
      // copies would only grow the profile.
      cacheMethod: 'none',
    }).then(async (w) => {
      await w.setParameters({
        tessedit_pageseg_mode: PSM.AUTO,
        // Our crops carry no DPI; tesseract otherwise warns and guesses 70.
        user_defined_dpi: '300',
      });
      mode = { sparse: false, local: false };
      return w;
    });
    worker.catch(() => {
      worker = undefined; // Let a later photo retry instead of failing forever.
    });
    return worker;
  }

  async function recognize(w: Worker, gray: Gray, wanted: ReadMode): Promise<RawLine[]> {
    if (wanted.sparse !== mode.sparse || wanted.local !== mode.local) {
      await w.setParameters(readParameters(wanted));
      mode = wanted;
    }
    const { data } = await w.recognize(toPgm(gray), {}, { blocks: true, text: false });
    return (data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((para) => para.lines));
  }

  return {
    name: 'text',
    needsPixels: true,
    async warm(): Promise<void> {
      await engine();
    },
    async close(): Promise<void> {
      const running = worker;
      worker = undefined;
      if (running) await (await running).terminate();
    },
    async run(input: CheckInput<ImageBitmap>, signal: AbortSignal, _report?: unknown, starting: EngineStart = (start) => start): Promise<CheckOutput> {
      const bitmap = input.image;
      if (!bitmap) return { findings: [], notes: [said('noteTextNotDecoded')] };
      const findings = await readIdText(
        {
          width: bitmap.width,
          height: bitmap.height,
          crop: (src, scale) => grayCrop(bitmap, src, scale),
          cropLevelled: (src, scale, angle) => grayCropLevelled(bitmap, src, scale, angle),
          // The engine starts only if some part looks like print: a rash photo never waits for it.
          recognize: async (gray, wanted) => recognize(await starting(engine()), gray, wanted),
          throwIfAborted: () => signal.throwIfAborted(),
        },
        input.width / bitmap.width,
      );
      return { findings };
    },
  };
}
