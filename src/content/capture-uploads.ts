import type { HoldSource } from '../common/messages';
import { mergeReviewed } from './merge-files';
import { noticeText, showNotice } from './notice';
import { deliverDrop, deliverPaste, deliverToInput, isReplayed, lastDelivered, type PointerPlace } from './replay';
import { prewarmReviewFrame, reviewInFrame } from './review-frame-host';
import { closedRootOf, deepElementAt, deepFocused, shadowRootsUnder } from './shadow-roots';
import { imagesAmong } from './sniff-files';

interface Hold {
  files: File[];
  source: HoldSource;
  deliver: (files: File[]) => void;
  /** The person cancelled: nothing is delivered (an input hears `cancel`, as from its own chooser). */
  cancelled?: () => void;
}

/** The real target, also inside open shadow roots (at `window` the target is retargeted). */
const realTarget = (event: Event): EventTarget | null => event.composedPath()[0] ?? event.target;

const asFileInput = (target: EventTarget | null): HTMLInputElement | undefined =>
  target instanceof HTMLInputElement && target.type === 'file' ? target : undefined;

/** A pick the page has not had yet: the input holds files other than those we handed it. */
const hasNewPick = (input: HTMLInputElement): boolean => {
  const first = input.files?.[0];
  return first !== undefined && first !== lastDelivered(input);
};

/**
 * The file input an `input`/`change` event is about. Inside a closed shadow root the event
 * reaches `window` retargeted to the host, so the host's closed roots are searched for the
 * input that has a new pick. Firefox does not compose a file input's `input` event (Chromium
 * does): there only the listeners `watchClosedRoots` adds inside the root on the press,
 * focus or drag that comes before any pick hear it.
 */
function fileInputOf(event: Event): HTMLInputElement | undefined {
  const target = realTarget(event);
  const direct = asFileInput(target);
  if (direct) return direct;
  const root = closedRootOf(target);
  if (!root) return undefined;
  for (const scope of [root, ...shadowRootsUnder(root)]) {
    const found = Array.from(scope.querySelectorAll<HTMLInputElement>('input[type=file]')).find(hasNewPick);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether this frame's uploads are reviewed. Settled `true` for a protected page; in a frame
 * protected only inside a protected page (see `captureUploads`) it is the background's
 * answer, and `known` is undefined until it comes. Until then picks are held as usual; once
 * the answer is "no", a held pick is handed to the page at once, untouched, and later events
 * are not even stopped.
 */
let protectedHere: Promise<boolean> = Promise.resolve(true);
let known: boolean | undefined = true;
const notProtected = (): boolean => known === false;

/**
 * Holds one selection: non-image files go straight on, images are reviewed first. Holds are
 * reviewed one at a time, in the order they were made.
 */
let queue: Promise<void> = Promise.resolve();

function hold({ files, source, deliver, cancelled }: Hold): Promise<void> {
  queue = queue.then(async () => {
    if (!(await protectedHere)) {
      deliver(files);
      return;
    }
    const images = await imagesAmong(files);
    if (images.length === 0) {
      deliver(files);
      return;
    }
    const outcome = await reviewInFrame(images, source);
    if (outcome.decision === 'cancel') {
      cancelled?.();
      return;
    }
    // A short word that it went well: nothing was found, or the protected copy is what the site got.
    if (outcome.decision === 'clean') showNotice(noticeText('noticeChecked'));
    else if (outcome.decision === 'protected') showNotice(noticeText('noticeProtected'));
    // Only as many files as were held can come back, and only File objects (checked by the guard).
    deliver(mergeReviewed(files, images, outcome.files.slice(0, images.length), outcome.from));
  });
  return queue;
}

/** Inputs with picks still under review, and how many: their paired `change` (now empty) is swallowed too. */
const heldInputs = new WeakMap<HTMLInputElement, number>();

function onInputOrChange(event: Event): void {
  if (isReplayed(event)) return;
  const input = fileInputOf(event);
  if (!input) return;
  if (!hasNewPick(input)) {
    if (heldInputs.has(input)) event.stopImmediatePropagation();
    return;
  }
  if (notProtected()) return;
  // Every pick is held, also one made while an earlier pick of the same input is under review.
  const files = Array.from(input.files ?? []);
  event.stopImmediatePropagation();
  heldInputs.set(input, (heldInputs.get(input) ?? 0) + 1);
  // Empty the input at once so that a form submit or a polling page cannot take the original meanwhile.
  input.value = '';
  void hold({
    files,
    source: 'input',
    // Our re-dispatched events pass by `isReplayed`.
    deliver: (chosen) => chosen.length > 0 && deliverToInput(input, chosen),
    cancelled: () => input.dispatchEvent(new Event('cancel', { bubbles: true })),
  }).finally(() => {
    const left = (heldInputs.get(input) ?? 1) - 1;
    if (left > 0) heldInputs.set(input, left);
    else heldInputs.delete(input);
  });
}

function pointerPlace(event: DragEvent): PointerPlace {
  return { clientX: event.clientX, clientY: event.clientY, screenX: event.screenX, screenY: event.screenY };
}

function onDrop(event: DragEvent): void {
  if (isReplayed(event) || notProtected()) return;
  const files = Array.from(event.dataTransfer?.files ?? []);
  if (files.length === 0) return;
  const target = deepElementAt(realTarget(event), event.clientX, event.clientY);
  if (!target) return;
  // Without preventDefault the browser would open the dropped file itself.
  event.preventDefault();
  event.stopImmediatePropagation();
  const place = pointerPlace(event);
  void hold({ files, source: 'drop', deliver: (chosen) => chosen.length > 0 && deliverDrop(target, chosen, place) });
}

function onPaste(event: ClipboardEvent): void {
  if (isReplayed(event) || notProtected()) return;
  const files = Array.from(event.clipboardData?.files ?? []);
  if (files.length === 0) return;
  const target = deepFocused(realTarget(event));
  if (!target) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  void hold({ files, source: 'paste', deliver: (chosen) => chosen.length > 0 && deliverPaste(target, chosen) });
}

/** Closed shadow roots already listened to: their non-composed `change` never reaches `window`. */
const watchedRoots = new WeakSet<ShadowRoot>();

function watchClosedRoots(target: EventTarget | null): void {
  const root = closedRootOf(target);
  if (!root) return;
  for (const scope of [root, ...shadowRootsUnder(root)]) {
    if (watchedRoots.has(scope)) continue;
    watchedRoots.add(scope);
    listen(scope);
  }
}

/**
 * The person is probably about to pick a file: a press or focus on a file input (or its
 * label, or anywhere on a page that has one, for Dropzone-style hidden inputs), or a drag
 * carrying files. Warming the frame then hides the engines' start-up behind the file chooser.
 */
function onIntent(event: Event): void {
  if (known !== true) return;
  if (event instanceof DragEvent && !event.dataTransfer?.types.includes('Files')) return;
  const target = realTarget(event);
  watchClosedRoots(target);
  const onFileInput =
    asFileInput(target) !== undefined ||
    closedRootOf(target) !== undefined ||
    (target instanceof HTMLLabelElement && asFileInput(target.control) !== undefined) ||
    document.querySelector('input[type=file]') !== null;
  if (event.type === 'dragenter' || onFileInput) prewarmReviewFrame();
}

function listen(scope: Window | ShadowRoot): void {
  const on = (type: string, handler: (event: never) => void, options: AddEventListenerOptions): void =>
    scope.addEventListener(type, handler as EventListener, options);
  for (const type of ['pointerdown', 'focusin', 'dragenter']) on(type, onIntent, { capture: true, passive: true });
  on('input', onInputOrChange, { capture: true });
  on('change', onInputOrChange, { capture: true });
  on('drop', onDrop, { capture: true });
  on('paste', onPaste, { capture: true });
}

/**
 * Capture-phase listeners on `window`, added at `document_start` before any page script,
 * so they run before every page handler (DESIGN.md "Interception"). `document.open()`
 * removes every listener of the window it rewrites; the documentElement it replaces tells
 * us, and the listeners are added again before the new document's scripts run.
 *
 * `isProtected` is given in a frame that is protected only inside a protected page: the
 * listeners are added at once all the same, so no pick gets through before the answer.
 */
export function captureUploads(win: Window, isProtected?: Promise<boolean>): void {
  if (isProtected) {
    known = undefined;
    protectedHere = isProtected.then((yes) => (known = yes));
  }
  listen(win);
  let root = win.document.documentElement;
  new MutationObserver(() => {
    const now = win.document.documentElement;
    if (now === root) return;
    root = now;
    listen(win);
  }).observe(win.document, { childList: true });
}
