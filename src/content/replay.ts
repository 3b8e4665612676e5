/**
 * Handing files back to the page. Events we dispatch are remembered so our own capture
 * listeners let them through (they are `isTrusted=false`, as are page-made ones).
 * A re-dispatched event never runs the browser's default action, so where that action would
 * have done the work (a drop onto a file input sets its files; a paste into an editable
 * inserts the picture) it is done here for the chosen files, unless the page cancelled it.
 */
const replayed = new WeakSet<Event>();

/**
 * Firefox content scripts see page objects through Xray wrappers; `wrappedJSObject` (Firefox
 * only) is the page's own view of the same object, and calls made through it run as the page.
 */
type Waivable<T> = T & { wrappedJSObject?: T };
declare const cloneInto: (<T>(value: T, target: object) => T) | undefined;

/** The page's own window, in Firefox; undefined in Chromium. */
const pageWindow = (): (Window & typeof globalThis) | undefined => (window as Waivable<Window & typeof globalThis>).wrappedJSObject;

export const isReplayed = (event: Event): boolean => replayed.has(event) || replayed.has((event as Waivable<Event>).wrappedJSObject ?? event);

/** The first file we handed each input: a later pick is told apart from our own delivery. */
const delivered = new WeakMap<HTMLInputElement, File>();

export const lastDelivered = (input: HTMLInputElement): File | undefined => delivered.get(input);

/** Dispatches our event; true when no handler cancelled it (its default action should happen). */
function dispatchOurs(target: EventTarget, event: Event): boolean {
  replayed.add(event);
  return target.dispatchEvent(event);
}

function toDataTransfer(files: readonly File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const file of files) dt.items.add(file);
  return dt;
}

/**
 * Firefox gives each DataTransfer item the principal of the code that added it and shows a
 * page only items its own principal covers: items added by a content script (an expanded
 * principal) are hidden, so a re-dispatched drop reached the page with no files (found by
 * test/e2e/firefox-e2e.test.ts). Built through the page's own objects, with the files cloned
 * into the page, the items are the page's. Chromium has no such check (and no wrappedJSObject).
 */
function pageDataTransfer(win: Window & typeof globalThis, files: readonly File[], into = new win.DataTransfer()): DataTransfer {
  for (const file of files) into.items.add(typeof cloneInto === 'function' ? cloneInto(file, win) : file);
  return into;
}

/** A drop or paste event the page can read files from, made the page's way in Firefox. */
function fileEvent(kind: 'drop' | 'paste', files: readonly File[], place?: PointerPlace): Event {
  const win = pageWindow();
  if (!win) {
    const base = { bubbles: true, cancelable: true, composed: true };
    return kind === 'drop'
      ? new DragEvent('drop', { ...base, dataTransfer: toDataTransfer(files), ...place })
      : new ClipboardEvent('paste', { ...base, clipboardData: toDataTransfer(files) });
  }
  const init = new win.Object() as DragEventInit & Record<string, unknown>;
  Object.assign(init, { bubbles: true, cancelable: true, composed: true, ...place });
  if (kind === 'drop') {
    init.dataTransfer = pageDataTransfer(win, files);
    return new win.DragEvent('drop', init);
  }
  // Firefox's ClipboardEvent constructor ignores `clipboardData` (it takes `dataType`/`data`
  // and makes its own): the files go into the DataTransfer it made, before dispatch.
  const event = new win.ClipboardEvent('paste', init);
  if (event.clipboardData) pageDataTransfer(win, files, event.clipboardData);
  return event;
}

export function deliverToInput(input: HTMLInputElement, files: readonly File[]): void {
  input.files = toDataTransfer(files).files;
  const first = input.files[0];
  if (first) delivered.set(input, first);
  dispatchOurs(input, new Event('input', { bubbles: true, composed: true }));
  dispatchOurs(input, new Event('change', { bubbles: true }));
}

export interface PointerPlace {
  clientX: number;
  clientY: number;
  screenX: number;
  screenY: number;
}

export function deliverDrop(target: EventTarget, files: readonly File[], place: PointerPlace): void {
  const notCancelled = dispatchOurs(target, fileEvent('drop', files, place));
  // An invisible file input stretched over a drop area: the browser would have set its files.
  if (notCancelled && target instanceof HTMLInputElement && target.type === 'file' && !target.disabled) deliverToInput(target, files);
}

const editableOf = (target: EventTarget): HTMLElement | undefined =>
  target instanceof HTMLElement && target.isContentEditable ? target : undefined;

function dataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

export function deliverPaste(target: EventTarget, files: readonly File[]): void {
  const notCancelled = dispatchOurs(target, fileEvent('paste', files));
  const editable = editableOf(target);
  if (notCancelled && editable) void insertPictures(editable, files);
}

/** What the browser's own paste of a picture into an editable does: an <img> at the caret, as a data URL. */
async function insertPictures(editable: HTMLElement, files: readonly File[]): Promise<void> {
  const urls = await Promise.all(files.filter((f) => f.type.startsWith('image/')).map(dataUrl));
  editable.focus();
  for (const url of urls) {
    // execCommand keeps the page's undo history and fires its `input` event, as a real paste does.
    if (!document.execCommand('insertImage', false, url)) {
      const img = document.createElement('img');
      img.src = url;
      editable.append(img);
      editable.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
  }
}
