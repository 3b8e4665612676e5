/// <reference lib="webworker" />
import { sniffImageType } from '../common/image-type';
import type { FrameToWorker, WorkerToFrame } from '../common/messages';
import { analyzePhoto, turns, type PhotoPorts } from '../analysis/analyze-photo';
import { makePreview, configureHeicDecoder } from '../engines/decode/decode-image';
import { decodeForChecks } from '../engines/decode/decode-for-checks';
import { transparentViews } from '../engines/decode/alpha-views';
import { mayHaveTransparency } from '../imaging/alpha-channel';
import { releaseBuffer } from '../engines/release-memory';
import { ENGINE_URLS } from './engine-urls';
import { lockNetwork } from '../engines/lock-network';
import { createChecks, TILE_WORKER_NAME } from './create-checks';
import { startTileWorker } from './face-tile-worker';
import { copyTypeOf, protectPhoto } from './protect-photo';
import { said, SaidError } from '../common/said';

/**
 * The analysis worker of the review frame (also used by the scan page). It opens each
 * photo, runs the checks and streams their results, and makes protected copies. It never
 * touches the page: it only talks to the frame that created it.
 */
declare const self: DedicatedWorkerGlobalScope;

lockNetwork(self);

// Started by name as the face check's second detector, this bundle is the tile worker instead.
const asTileWorker = self.name === TILE_WORKER_NAME;
if (asTileWorker) startTileWorker(self);
else configureHeicDecoder(ENGINE_URLS.libheifWasm());
let created: ReturnType<typeof createChecks> | undefined;
const checks = (): ReturnType<typeof createChecks> => (created ??= createChecks());

/** Above this many pixels the checks look at a smaller copy (see `decodeForChecks`). */
const ANALYSIS_MAX_PIXELS = 16_000_000;

const post = (message: WorkerToFrame, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

/** The browser's side of opening a photo (decoders, canvases), for `analyzePhoto`. */
const ports: PhotoPorts<ImageBitmap, ImageBitmap> = {
  sniff: sniffImageType,
  // Very large photos are checked on a smaller copy, decoded at that size when the format
  // allows; the full picture is decoded again for a protected copy.
  open: async (file, type, head) => {
    const { picture, fullWidth, fullHeight } = await decodeForChecks(file, type, head, ANALYSIS_MAX_PIXELS);
    return { image: picture.bitmap, width: picture.width, height: picture.height, fullWidth, fullHeight };
  },
  // A transparent picture is checked as it shows on white and on black. Its pixels are
  // scanned for transparency only when the header allows any (never for a JPEG, nor for a
  // PNG or WebP without an alpha channel): the scan would sit before every check.
  views: (image, bytes, type) => (mayHaveTransparency(bytes, type) ? transparentViews(image) : undefined),
  preview: (image) => makePreview(image),
  copyType: copyTypeOf,
  close: (image) => image.close(),
  release: releaseBuffer,
  now: () => performance.now(),
};

/** Photos are checked one after another; copies have a queue of their own (see below). */
const takeTurn = turns();
/**
 * Protected copies are made one at a time too, in a queue of their own (so the copy of a
 * photo already reviewed does not wait behind the checks of the others): a copy with a
 * covered area decodes the full picture and draws it on a canvas, about 100 MB for 12 MP,
 * and "Upload protected copy" on 30 photos asked for all 30 at once.
 */
const takeCopyTurn = turns();

function analyze(id: number, file: File, wanted: readonly string[], extraLanguages: readonly string[]): Promise<void> {
  const all = checks().for(extraLanguages);
  // In the order asked for (ALL_CHECKS): run-checks.ts starts them in that order, a task apart.
  const selected = wanted.flatMap((name) => all.filter((c) => c.name === name));
  return analyzePhoto(
    file,
    selected,
    ports,
    {
      result: (result) => post({ type: 'result', id, result }),
      partial: (check, findings) => post({ type: 'partial', id, check, findings }),
      opened: (info) => post({ type: 'opened', id, ...info }, info.preview ? [info.preview] : []),
      done: (timings) => post({ type: 'done', id, timings }),
    },
    takeTurn,
  );
}

const onMessage = (event: MessageEvent<FrameToWorker>): void => {
  const message = event.data;
  switch (message.type) {
    case 'analyze':
      // analyze() reports every failure it expects in place; this is the last guard, so the
      // dialog is told the photo could not be checked instead of waiting forever.
      void analyze(message.id, message.file, message.checks, message.extraLanguages.filter((l) => typeof l === 'string')).catch(() => {
        post({ type: 'opened', id: message.id, imageType: undefined, width: 0, height: 0, preview: undefined, error: said('readFailed') });
        post({ type: 'done', id: message.id, timings: {} });
      });
      break;
    case 'protect':
      void takeCopyTurn().then((endTurn) =>
        protectPhoto(message.file, message.options)
          .then((file) => post({ type: 'protected', id: message.id, file }))
          .catch((error: unknown) =>
            post({ type: 'protected', id: message.id, error: error instanceof SaidError ? error.said : said('protectReasonOther') }),
          )
          .finally(endTurn),
      );
      break;
    case 'warm':
      // OCR is not warmed: it loads only when the text finder sees print, so a photo of a
      // rash or a face never pays tesseract's memory (about 100-200 MB).
      for (const check of checks().current()) if (check.name !== 'text') void check.warm?.({ ahead: message.ahead });
      break;
  }
};

if (!asTileWorker) self.onmessage = onMessage;
