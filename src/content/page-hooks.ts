/**
 * Runs in the page's own world (`world: "MAIN"`) at `document_start`, before any page
 * script, in every frame of a protected page. It has no extension APIs and never sees a
 * file: it only makes the upload paths that send no event the content script can hear
 * send one, so that they meet the same hold as every other pick (docs/upload-paths.md).
 *
 * - A file input that is never attached (`createElement('input')` then `.click()`,
 *   `.showPicker()` or a dispatched click) is attached to a hidden holder first, so its
 *   `input`/`change` reach the content script's capture listeners on `window`.
 * - `showOpenFilePicker()` (File System Access) opens such an input instead and resolves
 *   with handle-like objects for the files the person approved; `getAsFileSystemHandle()`
 *   on a reviewed drop answers the same way. Pages that feature-detect keep working.
 *
 * A page that wants to get around this can (it runs in the same world): this is for
 * ordinary pages and widgets, not a security boundary.
 */
const HOLDER_TAG = 'upload-guard-inputs';

interface FilePickerOptions {
  multiple?: boolean;
  types?: { accept?: Record<string, string | string[]> }[];
}
type PickerWindow = typeof globalThis & { showOpenFilePicker?: (options?: FilePickerOptions) => Promise<FileSystemFileHandle[]> };
type Item = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> };

/** `method.call` as a plain function: taken before any page script runs, so a page that replaces the method later cannot fool these hooks. */
const uncurry = <F extends (...args: never[]) => unknown>(method: F): ((self: unknown, ...args: Parameters<F>) => ReturnType<F>) =>
  Function.prototype.call.bind(method) as (self: unknown, ...args: Parameters<F>) => ReturnType<F>;

// eslint-disable-next-line @typescript-eslint/unbound-method -- uncurried: always called with its input
const nativeClick = uncurry(HTMLInputElement.prototype.click);

function holderIn(doc: Document): HTMLElement | undefined {
  const root = doc.documentElement as HTMLElement | null;
  if (!root) return undefined;
  let holder = Array.from(root.children).find((c): c is HTMLElement => c.localName === HOLDER_TAG);
  if (!holder) {
    holder = doc.createElement(HOLDER_TAG);
    holder.hidden = true;
    root.append(holder);
  }
  return holder;
}

function attachIfDetached(target: unknown): void {
  if (!(target instanceof HTMLInputElement) || target.type !== 'file' || target.isConnected) return;
  holderIn(target.ownerDocument)?.append(target);
}

function hookDetachedInputs(): void {
  const proto = HTMLInputElement.prototype;
  proto.click = function click(this: HTMLInputElement): void {
    attachIfDetached(this);
    nativeClick(this);
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- uncurried: always called with its input
  const showPicker = uncurry(proto.showPicker);
  proto.showPicker = function showPicker_(this: HTMLInputElement): void {
    attachIfDetached(this);
    showPicker(this);
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- uncurried: always called with its target
  const dispatch = uncurry(EventTarget.prototype.dispatchEvent);
  EventTarget.prototype.dispatchEvent = function dispatchEvent(this: EventTarget, event: Event): boolean {
    if (event.type === 'click') attachIfDetached(this);
    return dispatch(this, event);
  };
}

const abortError = (): DOMException => new DOMException('The user aborted a request.', 'AbortError');

/** A read-only stand-in for a FileSystemFileHandle (`instanceof` still holds where the class exists). */
function handleFor(file: File): FileSystemFileHandle {
  const proto = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle?.prototype ?? Object.prototype;
  const handle = Object.create(proto) as FileSystemFileHandle;
  const value = (v: unknown): PropertyDescriptor => ({ value: v, enumerable: true });
  Object.defineProperties(handle, {
    kind: value('file'),
    name: value(file.name),
    getFile: value(() => Promise.resolve(file)),
    isSameEntry: value((other: unknown) => Promise.resolve(other === handle)),
    queryPermission: value(() => Promise.resolve('granted')),
    requestPermission: value(() => Promise.resolve('granted')),
    createWritable: value(() => Promise.reject(new DOMException('This file can only be read.', 'NotAllowedError'))),
  });
  return handle;
}

function acceptOf(options: FilePickerOptions): string {
  const parts = (options.types ?? []).flatMap((t) =>
    Object.entries(t.accept ?? {}).flatMap(([mime, exts]) => [mime, ...(Array.isArray(exts) ? exts : [exts])]),
  );
  return [...new Set(parts)].join(',');
}

/** `showOpenFilePicker()` through a real file input, so the pick is held and reviewed like any other. */
function pickThroughInput(options: FilePickerOptions = {}): Promise<FileSystemFileHandle[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = options.multiple === true;
    const accept = acceptOf(options);
    if (accept) input.accept = accept;
    // `change` comes after the review, with the files the person approved; `cancel` when
    // they closed the chooser or cancelled the review.
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.remove();
      if (files.length > 0) resolve(files.map(handleFor));
      else reject(abortError());
    }, { once: true });
    input.addEventListener('cancel', () => {
      input.remove();
      reject(abortError());
    }, { once: true });
    attachIfDetached(input);
    nativeClick(input);
  });
}

function hookFilePicker(): void {
  const win = globalThis as PickerWindow;
  if (typeof win.showOpenFilePicker !== 'function') return;
  win.showOpenFilePicker = function showOpenFilePicker(options?: FilePickerOptions) {
    return pickThroughInput(options);
  };
}

function hookDroppedHandles(): void {
  const proto = DataTransferItem.prototype as Item;
  if (typeof proto.getAsFileSystemHandle !== 'function') return;
  const native = uncurry(proto.getAsFileSystemHandle);
  // A reviewed drop is re-dispatched with the approved files, which have no place on disk:
  // the native call answers null there, so the approved file is handed out as a handle.
  proto.getAsFileSystemHandle = function getAsFileSystemHandle(this: Item): Promise<FileSystemHandle | null> {
    const file = this.kind === 'file' ? this.getAsFile() : null;
    const fallback = (): FileSystemHandle | null => (file ? handleFor(file) : null);
    return native(this).then((h) => h ?? fallback(), fallback);
  };
}

const marker = Symbol.for('upload-guard.page-hooks');
const scope = globalThis as typeof globalThis & { [marker]?: true };
// Once per frame, however often it is injected (static, dynamic, from the popup).
if (!scope[marker]) {
  scope[marker] = true;
  hookDetachedInputs();
  hookFilePicker();
  hookDroppedHandles();
}
