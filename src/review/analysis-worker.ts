/// <reference lib="webworker" />
import { sniffImageType, type ImageType } from '../common/image-type';
import type { FrameToWorker, WorkerToFrame } from '../common/messages';
import type { Box, CheckResult, Finding } from '../analysis/findings';
import { runChecks } from '../analysis/run-checks';
import { runChecksOnViews } from '../analysis/run-on-views';
import type { Check } from '../analysis/ports';
import { makePreview, DecodeError, configureHeicDecoder } from '../engines/decode/decode-image';
import { decodeForChecks } from '../engines/decode/decode-for-checks';
import { transparentViews } from '../engines/decode/alpha-views';
import { mayHaveTransparency } from '../imaging/alpha-channel';
import { releaseBuffer } from '../engines/release-memory';
import { ENGINE_URLS } from './engine-urls';
import { lockNetwork } from '../engines/lock-network';
import { createChecks, TILE_WORKER_NAME } from './create-checks';
import { startTileWorker } from './face-tile-worker';
import { copyTypeOf, protectPhoto } from './protect-photo';
import { said, SaidError, type Said } from '../common/said';

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

const scaleBox = (box: Box, k: number): Box => [Math.round(box[0] * k), Math.round(box[1] * k), Math.round(box[2] * k), Math.round(box[3] * k)];

const post = (message: WorkerToFrame, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

/**
 * How much of the file the decoding worker reads for itself: enough for the type and the
 * header's claimed size (a JPEG's frame header follows its EXIF, ICC and XMP segments, a
 * few to a few hundred KB in). The picture itself is decoded from the file.
 */
const HEAD_BYTES = 512 * 1024;

/**
 * Photos chosen together are decoded and checked one after another. They share the
 * engines anyway (one thread), so all of them together take as long either way, but the
 * first photo's results come sooner and only one picture is held at a time: four 12 MP
 * photos at once peaked at 742-788 MB in the extension's process. Hidden data is not
 * queued: it is read at once, in the light worker.
 */
function turns(): () => Promise<() => void> {
  let lastTurn: Promise<unknown> = Promise.resolve();
  return () => {
    let end!: () => void;
    const turn = new Promise<void>((resolve) => (end = resolve));
    const ready = lastTurn.then(() => end);
    lastTurn = turn;
    return ready;
  };
}
const takeTurn = turns();
/**
 * Protected copies are made one at a time too, in a queue of their own (so the copy of a
 * photo already reviewed does not wait behind the checks of the others): a copy with a
 * covered area decodes the full picture and draws it on a canvas, about 100 MB for 12 MP,
 * and "Upload protected copy" on 30 photos asked for all 30 at once.
 */
const takeCopyTurn = turns();

async function analyze(id: number, file: File, wanted: readonly string[], extraLanguages: readonly string[]): Promise<void> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const selected = checks().for(extraLanguages).filter((c) => wanted.includes(c.name));
  const byteChecks = selected.filter((c) => !c.needsPixels);
  const pixelChecks: Check<ImageBitmap>[] = selected.filter((c) => c.needsPixels);
  // Hidden data is read from the whole file. The pixel checks look at the picture, so the
  // worker that decodes holds only the head: a 48 MP JPEG is 17 MB, and every copy of it
  // counts while the engines are busy.
  const bytes = new Uint8Array(await (byteChecks.length > 0 ? file : file.slice(0, HEAD_BYTES)).arrayBuffer());
  const type: ImageType | undefined = sniffImageType(bytes.subarray(0, 512));
  timings.read = performance.now() - t0;

  const onResult = (result: CheckResult): void => {
    timings[result.check] = result.ms;
    post({ type: 'result', id, result });
  };
  const base = { bytes, type: type ?? 'jpeg', width: 0, height: 0 } as const;
  const early = runChecks(byteChecks, { ...base, image: undefined }, onResult);

  if (pixelChecks.length === 0) {
    // The light worker: hidden data only, no decoding, so the first warning never waits
    // behind the engines of the pixel checks.
    await early;
    // Give the file's bytes back now rather than at the next garbage collection, which in
    // an idle worker may come long after the engines' busiest moment.
    releaseBuffer(bytes);
    timings.total = performance.now() - t0;
    post({ type: 'done', id, timings });
    return;
  }

  const endTurn = await takeTurn();
  try {
    const t1 = performance.now();
    let decodeError: Said | undefined;
    const opening = decodeForChecks(file, type, bytes, ANALYSIS_MAX_PIXELS).catch((error: unknown) => {
      decodeError = error instanceof DecodeError ? error.said : said('decodeUnknown');
      return undefined;
    });
    const decodedForChecks = await opening;
    timings.decode = performance.now() - t1;
    // Very large photos are checked on a smaller copy, decoded at that size when the format
    // allows; the full picture is decoded again for a protected copy. Findings are scaled
    // back to the full picture's pixels.
    const picture = decodedForChecks?.picture;
    const fullWidth = decodedForChecks?.fullWidth ?? 0;
    const fullHeight = decodedForChecks?.fullHeight ?? 0;
    const toFull = picture ? fullWidth / picture.width : 1;
    const scaleBack = (findings: Finding[]): Finding[] => (toFull === 1 ? findings : findings.map((f) => (f.box ? { ...f, box: scaleBox(f.box, toFull) } : f)));
    // A transparent picture is checked as it shows on white and on black. Its pixels are
    // scanned for transparency only when the header allows any (never for a JPEG, nor for a
    // PNG or WebP without an alpha channel): the scan would sit before every check.
    let views: ImageBitmap[] | undefined;
    try {
      views = picture && mayHaveTransparency(bytes, type) ? transparentViews(picture.bitmap) : undefined;
    } catch {
      views = undefined; // no 2D canvas: the picture is still checked as it is
    }
    const sized = { ...base, width: picture?.width ?? 0, height: picture?.height ?? 0 };
    // The checks start before the preview is made: the dialog can wait for its picture.
    const late = runChecksOnViews(
      pixelChecks,
      views ? views.map((image) => ({ ...sized, image })) : [{ ...sized, image: picture?.bitmap }],
      (result) => onResult({ ...result, findings: scaleBack(result.findings) }),
      { onPartial: (check, findings) => post({ type: 'partial', id, check, findings: scaleBack(findings) }) },
    );
    const preview = picture ? await makePreview(picture.bitmap).catch(() => undefined) : undefined;
    // The person is told before deciding when the copy will not be of the file's type.
    const copyType = type ? copyTypeOf(bytes, type) : undefined;
    post(
      {
        type: 'opened',
        id,
        imageType: type,
        width: fullWidth,
        height: fullHeight,
        preview,
        ...(decodeError ? { error: decodeError } : {}),
        ...(copyType && copyType.type !== type ? { copyType } : {}),
      },
      preview ? [preview] : [],
    );

    await Promise.all([early, late]);
    // Not kept for a protected copy (that decodes the full picture again): let it go now.
    picture?.bitmap.close();
    for (const view of views ?? []) view.close();
  } finally {
    endTurn();
  }
  timings.total = performance.now() - t0;
  post({ type: 'done', id, timings });
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
