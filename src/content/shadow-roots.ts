/**
 * Looking behind closed shadow roots, which a page's web components use for their upload
 * widgets. At `window` an event from inside one is retargeted to its host, and non-composed
 * events (`change`) never leave it. Content scripts may open them: Chromium through
 * `chrome.dom.openOrClosedShadowRoot(el)`, Firefox through the `el.openOrClosedShadowRoot` property.
 */
type Opener = (el: Element) => ShadowRoot | null;

const chromeDom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null } } }).chrome?.dom;

const openRoot: Opener = (el) => {
  // Firefox: a property (the root itself, or null), not a method; only content scripts see
  // it. Taken for a method it was never called, and inputs behind closed roots reached the
  // page unreviewed (found by test/e2e/firefox-e2e.test.ts). Chromium has no such property.
  const firefox = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  if (!(el instanceof HTMLElement) || !chromeDom?.openOrClosedShadowRoot) return el.shadowRoot;
  try {
    return chromeDom.openOrClosedShadowRoot(el);
  } catch {
    return el.shadowRoot;
  }
};

/** The shadow root of `el` only when the page closed it (open ones are seen through `composedPath`). */
export function closedRootOf(el: EventTarget | null): ShadowRoot | undefined {
  if (!(el instanceof Element) || el.shadowRoot) return undefined;
  return openRoot(el) ?? undefined;
}

/** Every shadow root (open or closed) under `scope`, nested ones included. */
export function* shadowRootsUnder(scope: Document | ShadowRoot | Element): Generator<ShadowRoot> {
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const root = openRoot(node as Element);
    if (root) {
      yield root;
      yield* shadowRootsUnder(root);
    }
  }
}

/** Follows closed roots from a retargeted host down to the element at a point (for drops). */
export function deepElementAt(target: EventTarget | null, x: number, y: number): EventTarget | null {
  let current = target;
  for (let depth = 0; depth < 32; depth++) {
    const root = closedRootOf(current);
    const inner = root?.elementFromPoint(x, y);
    if (!inner || inner === current) return current;
    current = inner;
  }
  return current;
}

/** Follows closed roots from a retargeted host down to the focused element (for pastes). */
export function deepFocused(target: EventTarget | null): EventTarget | null {
  let current = target;
  for (let depth = 0; depth < 32; depth++) {
    const inner = closedRootOf(current)?.activeElement;
    if (!inner) return current;
    current = inner;
  }
  return current;
}
