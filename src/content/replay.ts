/**
 * Handing files back to the page. Events we dispatch are remembered so our own capture
 * listeners let them through (they are `isTrusted=false`, as are page-made ones).
 */
const replayed = new WeakSet<Event>();

export const isReplayed = (event: Event): boolean => replayed.has(event);

function dispatchOurs(target: EventTarget, event: Event): void {
  replayed.add(event);
  target.dispatchEvent(event);
}

function toDataTransfer(files: readonly File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const file of files) dt.items.add(file);
  return dt;
}

export function deliverToInput(input: HTMLInputElement, files: readonly File[]): void {
  input.files = toDataTransfer(files).files;
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
  const init: DragEventInit = { bubbles: true, cancelable: true, composed: true, dataTransfer: toDataTransfer(files), ...place };
  dispatchOurs(target, new DragEvent('drop', init));
}

export function deliverPaste(target: EventTarget, files: readonly File[]): void {
  const init: ClipboardEventInit = { bubbles: true, cancelable: true, composed: true, clipboardData: toDataTransfer(files) };
  dispatchOurs(target, new ClipboardEvent('paste', init));
}
