import type { HoldSource } from '../common/messages';
import { noticeText, showNotice } from './notice';
import { deliverDrop, deliverPaste, deliverToInput, isReplayed, type PointerPlace } from './replay';
import { prewarmReviewFrame, reviewInFrame } from './review-frame-host';
import { splitImages } from './sniff-files';

interface Hold {
  files: File[];
  source: HoldSource;
  deliver: (files: File[]) => void;
}

/** The real target, also inside open shadow roots (at `window` the target is retargeted). */
const realTarget = (event: Event): EventTarget | null => event.composedPath()[0] ?? event.target;

const asFileInput = (target: EventTarget | null): HTMLInputElement | undefined =>
  target instanceof HTMLInputElement && target.type === 'file' ? target : undefined;

/**
 * Keeps the original order: reviewed images where they were (or left out), other files
 * untouched. `from[i]` says which held image `chosen[i]` replaces.
 */
function merge(original: readonly File[], images: readonly File[], chosen: readonly File[], from?: readonly number[]): File[] {
  const replacement = new Map<number, File>();
  chosen.forEach((file, i) => {
    const index = from?.[i] ?? i;
    if (Number.isInteger(index) && index >= 0 && index < images.length) replacement.set(index, file);
  });
  return original.flatMap((file) => {
    const index = images.indexOf(file);
    if (index < 0) return [file];
    const next = replacement.get(index);
    return next ? [next] : [];
  });
}

/**
 * Holds one selection: non-image files go straight on, images are reviewed first. Holds are
 * reviewed one at a time, in the order they were made.
 */
let queue: Promise<void> = Promise.resolve();

function hold({ files, source, deliver }: Hold): void {
  queue = queue.then(async () => {
    const { images } = await splitImages(files);
    if (images.length === 0) {
      deliver(files);
      return;
    }
    const outcome = await reviewInFrame(images, source);
    if (outcome.decision === 'cancel') return;
    if (outcome.decision === 'clean') showNotice(outcome.notice ?? noticeText('noticeChecked'));
    // Only as many files as were held can come back, and only File objects (checked by the guard).
    deliver(merge(files, images, outcome.files.slice(0, images.length), outcome.from));
  });
}

/** Inputs whose selection is being held: the paired `change` after `input` is swallowed too. */
const heldInputs = new WeakSet<HTMLInputElement>();

function onInputOrChange(event: Event): void {
  if (isReplayed(event)) return;
  const input = asFileInput(realTarget(event));
  if (!input) return;
  if (heldInputs.has(input)) {
    event.stopImmediatePropagation();
    return;
  }
  const files = Array.from(input.files ?? []);
  if (files.length === 0) return;
  event.stopImmediatePropagation();
  heldInputs.add(input);
  // Empty the input at once so that a form submit cannot carry the original meanwhile.
  input.value = '';
  hold({
    files,
    source: 'input',
    // Our re-dispatched events pass by `isReplayed`; the input is released below.
    deliver: (chosen) => chosen.length > 0 && deliverToInput(input, chosen),
  });
  // A cancelled hold must also release the input for the next selection.
  void queue.then(() => heldInputs.delete(input));
}

function pointerPlace(event: DragEvent): PointerPlace {
  return { clientX: event.clientX, clientY: event.clientY, screenX: event.screenX, screenY: event.screenY };
}

function onDrop(event: DragEvent): void {
  if (isReplayed(event)) return;
  const files = Array.from(event.dataTransfer?.files ?? []);
  if (files.length === 0) return;
  const target = realTarget(event);
  if (!target) return;
  // Without preventDefault the browser would open the dropped file itself.
  event.preventDefault();
  event.stopImmediatePropagation();
  const place = pointerPlace(event);
  hold({ files, source: 'drop', deliver: (chosen) => chosen.length > 0 && deliverDrop(target, chosen, place) });
}

function onPaste(event: ClipboardEvent): void {
  if (isReplayed(event)) return;
  const files = Array.from(event.clipboardData?.files ?? []);
  if (files.length === 0) return;
  const target = realTarget(event);
  if (!target) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  hold({ files, source: 'paste', deliver: (chosen) => chosen.length > 0 && deliverPaste(target, chosen) });
}

/**
 * The person is probably about to pick a file: a press or focus on a file input (or its
 * label, or anywhere on a page that has one, for Dropzone-style hidden inputs), or a drag
 * carrying files. Warming the frame then hides the engines' start-up behind the file chooser.
 */
function onIntent(event: Event): void {
  if (event instanceof DragEvent && !event.dataTransfer?.types.includes('Files')) return;
  const target = realTarget(event);
  const onFileInput =
    asFileInput(target) !== undefined ||
    (target instanceof HTMLLabelElement && asFileInput(target.control) !== undefined) ||
    document.querySelector('input[type=file]') !== null;
  if (event.type === 'dragenter' || onFileInput) prewarmReviewFrame();
}

/**
 * Capture-phase listeners on `window`, added at `document_start` before any page script,
 * so they run before every page handler (DESIGN.md "Interception").
 */
export function captureUploads(win: Window): void {
  for (const type of ['pointerdown', 'focusin', 'dragenter']) win.addEventListener(type, onIntent, { capture: true, passive: true });
  win.addEventListener('input', onInputOrChange, true);
  win.addEventListener('change', onInputOrChange, true);
  win.addEventListener('drop', onDrop, true);
  win.addEventListener('paste', onPaste, true);
}
