import type { ImageType } from '../common/image-type';
import type { Box, CheckName, CheckResult, Finding } from '../common/findings';
import { said, SaidError, type Said } from '../common/said';
import type { Check } from './ports';
import { runChecks } from './run-checks';
import { runChecksOnViews } from './run-on-views';

/** The picture the pixel checks look at, and the size of the full picture their boxes belong to. */
export interface Opened<Img> {
  image: Img;
  width: number;
  height: number;
  fullWidth: number;
  fullHeight: number;
}

/** The kind of a protected copy that is not of the file's own type (see `copyTypeOf`). */
export interface CopyType {
  type: ImageType;
  from: string;
  always: boolean;
}

/**
 * What opening a photo needs of the browser: the worker implements it with createImageBitmap,
 * ImageDecoder and canvases; unit tests with plain objects. `open` throws a `SaidError` for
 * what it can say (not a picture, too large, damaged), anything else for what it cannot.
 */
export interface PhotoPorts<Img, Preview> {
  sniff(head: Uint8Array): ImageType | undefined;
  open(file: Blob, type: ImageType | undefined, head: Uint8Array): Promise<Opened<Img>>;
  /** The picture on white and on black when it may be transparent; undefined to check it as it is. */
  views(image: Img, bytes: Uint8Array, type: ImageType | undefined): Img[] | undefined;
  preview(image: Img): Promise<Preview>;
  copyType(bytes: Uint8Array, type: ImageType): CopyType;
  close(image: Img): void;
  /** Gives the file's bytes back at once (an idle worker may collect them long after). */
  release(bytes: Uint8Array): void;
  now(): number;
}

/** What the dialog is told once the picture is open (or could not be). */
export interface OpenedInfo<Preview> {
  imageType: ImageType | undefined;
  width: number;
  height: number;
  preview: Preview | undefined;
  error?: Said;
  copyType?: CopyType;
}

/** Where the analysis of one photo reports, in this order: results and partials, opened, done. */
export interface PhotoEvents<Preview> {
  result(result: CheckResult): void;
  partial(check: CheckName, findings: Finding[]): void;
  opened(info: OpenedInfo<Preview>): void;
  done(timings: Record<string, number>): void;
}

/** Waits for the previous holder to end its turn; call the function it gives to end yours. */
export type TakeTurn = () => Promise<() => void>;

/**
 * Turns, one after another, in the order asked for. Photos chosen together are decoded and
 * checked one at a time: they share the engines anyway (one thread), but the first photo's
 * results come sooner and only one picture is held at a time (four 12 MP photos at once
 * peaked at 742-788 MB in the extension's process).
 */
export function turns(): TakeTurn {
  let lastTurn: Promise<unknown> = Promise.resolve();
  return () => {
    let end!: () => void;
    const turn = new Promise<void>((resolve) => (end = resolve));
    const ready = lastTurn.then(() => end);
    lastTurn = turn;
    return ready;
  };
}

/**
 * How much of the file the decoding side reads for itself: enough for the type and the
 * header's claimed size (a JPEG's frame header follows its EXIF, ICC and XMP segments, a
 * few to a few hundred KB in). The picture itself is decoded from the file.
 */
export const HEAD_BYTES = 512 * 1024;

/**
 * A file larger than four times this has its hidden data looked at in its first bytes before
 * the whole file is read: cameras write EXIF and its GPS in the first 64 KB, and on a 12 MP
 * photo (4.5 MB) reading and parsing all of it first put ~30 ms before the first warning. The
 * head's findings are shown as partial ones; the whole file's are the check's result.
 */
export const EARLY_HEAD_BYTES = 256 * 1024;

const scaleBox = (box: Box, k: number): Box => [Math.round(box[0] * k), Math.round(box[1] * k), Math.round(box[2] * k), Math.round(box[3] * k)];

/**
 * One photo through its checks. Checks that only read bytes start at once; the pixel checks
 * wait for their turn, then for the decode, and their boxes are scaled back to the full
 * picture when they looked at a smaller copy. The dialog is told the picture is open before
 * the checks end (it can show the photo while they run).
 */
export async function analyzePhoto<Img, Preview>(
  file: Blob,
  selected: readonly Check<Img>[],
  ports: PhotoPorts<Img, Preview>,
  events: PhotoEvents<Preview>,
  takeTurn: TakeTurn,
): Promise<void> {
  const timings: Record<string, number> = {};
  const t0 = ports.now();
  const byteChecks = selected.filter((c) => !c.needsPixels);
  const pixelChecks = selected.filter((c) => c.needsPixels);
  if (byteChecks.length > 0 && file.size > 4 * EARLY_HEAD_BYTES) {
    const head = new Uint8Array(await file.slice(0, EARLY_HEAD_BYTES).arrayBuffer());
    const headInput = { bytes: head, type: ports.sniff(head.subarray(0, 512)) ?? 'jpeg', width: 0, height: 0, image: undefined };
    await runChecks(byteChecks, headInput, (result) => {
      if (result.status === 'done' && result.findings.length > 0) events.partial(result.check, result.findings);
    });
  }
  // Hidden data is read from the whole file. The pixel checks look at the picture, so the
  // side that decodes holds only the head: a 48 MP JPEG is 17 MB, and every copy of it
  // counts while the engines are busy.
  const bytes = new Uint8Array(await (byteChecks.length > 0 ? file : file.slice(0, HEAD_BYTES)).arrayBuffer());
  const type = ports.sniff(bytes.subarray(0, 512));
  timings.read = ports.now() - t0;

  const onResult = (result: CheckResult): void => {
    timings[result.check] = result.ms;
    events.result(result);
  };
  const base = { bytes, type: type ?? 'jpeg', width: 0, height: 0 } as const;
  const early = runChecks(byteChecks, { ...base, image: undefined }, onResult);

  if (pixelChecks.length === 0) {
    // The light worker: hidden data only, no decoding, so the first warning never waits
    // behind the engines of the pixel checks.
    await early;
    ports.release(bytes);
    timings.total = ports.now() - t0;
    events.done(timings);
    return;
  }

  const endTurn = await takeTurn();
  try {
    const t1 = ports.now();
    let openError: Said | undefined;
    const opened = await ports.open(file, type, bytes).catch((error: unknown) => {
      openError = error instanceof SaidError ? error.said : said('decodeUnknown');
      return undefined;
    });
    timings.decode = ports.now() - t1;
    const toFull = opened ? opened.fullWidth / opened.width : 1;
    const scaleBack = (findings: Finding[]): Finding[] => (toFull === 1 ? findings : findings.map((f) => (f.box ? { ...f, box: scaleBox(f.box, toFull) } : f)));
    let views: Img[] | undefined;
    try {
      views = opened ? ports.views(opened.image, bytes, type) : undefined;
    } catch {
      views = undefined; // no 2D canvas: the picture is still checked as it is
    }
    const sized = { ...base, width: opened?.width ?? 0, height: opened?.height ?? 0 };
    // The checks start before the preview is made: the dialog can wait for its picture.
    const late = runChecksOnViews(
      pixelChecks,
      views ? views.map((image) => ({ ...sized, image })) : [{ ...sized, image: opened?.image }],
      (result) => onResult({ ...result, findings: scaleBack(result.findings) }),
      { onPartial: (check, findings) => events.partial(check, scaleBack(findings)) },
    );
    const preview = opened ? await ports.preview(opened.image).catch(() => undefined) : undefined;
    // The person is told before deciding when the copy will not be of the file's type.
    const copyType = type ? ports.copyType(bytes, type) : undefined;
    events.opened({
      imageType: type,
      width: opened?.fullWidth ?? 0,
      height: opened?.fullHeight ?? 0,
      preview,
      ...(openError ? { error: openError } : {}),
      ...(copyType && copyType.type !== type ? { copyType } : {}),
    });

    await Promise.all([early, late]);
    // Not kept for a protected copy (that decodes the full picture again): let it go now.
    if (opened) ports.close(opened.image);
    for (const view of views ?? []) ports.close(view);
  } finally {
    endTurn();
  }
  timings.total = ports.now() - t0;
  events.done(timings);
}
