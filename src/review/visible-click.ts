import { t } from './i18n';

/**
 * "A click counts only on a review the person could really see" (DESIGN.md promise 5).
 *
 * IntersectionObserver v2 (`trackVisibility`) tells, for each decision button, whether it
 * was painted unoccluded and unfaded in the top-level page, across the frame boundary: the
 * page cannot read or fake it. Where the browser has no v2 (Firefox), the guard fails open
 * and the clicks count as before; the top layer is then the only defence.
 */

type IoEntry = IntersectionObserverEntry & { isVisible?: boolean };

const supported = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * A report that does not come in this long counts as not seen. A new observer's first report
 * took 0.4–1 s in headless Chromium here (the frame paints only on demand).
 */
const WAIT_FOR_REPORT_MS = 2_000;
// `delay` 100 is the smallest v2 allows.
const V2 = { trackVisibility: true, delay: 100 } as IntersectionObserverInit;

const seenNow = (entry: IntersectionObserverEntry | undefined): boolean => Boolean(entry?.isIntersecting && (entry as IoEntry).isVisible);

/**
 * A report made for this click: a new observer always reports once. Asked when the running
 * observer does not say "visible": its last report can be stale by seconds when nothing in
 * this frame repaints (measured: after the page hid and restored the host, it still said
 * "covered" while a new observer said "visible").
 */
function freshReport(target: Element): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      once.disconnect();
      resolve(false);
    }, WAIT_FOR_REPORT_MS);
    const once = new IntersectionObserver(([entry]) => {
      clearTimeout(timer);
      once.disconnect();
      resolve(seenNow(entry));
    }, V2);
    once.observe(target);
  });
}

let coverListener: ((covered: boolean) => void) | undefined;

/** The frame's link to the content script: it re-asserts the top layer when we are covered. */
export function onCoverChange(listener: (covered: boolean) => void): void {
  coverListener = listener;
}

export type Guard = (action: () => void) => (event: Event) => void;

/**
 * Watches `buttons` and returns a wrapper for their click handlers: a click on a button that
 * is covered or faded when it lands does nothing but say so through `tell`.
 */
export function guardDecisions(buttons: HTMLElement[], tell: (text: string) => void): Guard {
  if (!supported) return (action) => () => action();
  // The running observer: "visible" lets a click act at once; "covered" also tells the
  // content script to raise the review again.
  const visible = new Set<Element>();
  const covered = new Set<Element>();
  const watch = new IntersectionObserver((entries) => {
    const before = covered.size > 0;
    for (const entry of entries) {
      visible.delete(entry.target);
      covered.delete(entry.target);
      if (seenNow(entry)) visible.add(entry.target);
      else if (entry.isIntersecting) covered.add(entry.target);
    }
    if (covered.size > 0 !== before) coverListener?.(covered.size > 0);
  }, V2);
  for (const b of buttons) watch.observe(b);

  let checking = false;
  return (action) => (event) => {
    const button = event.currentTarget;
    if (!(button instanceof Element) || checking) return;
    if (visible.has(button)) return action();
    checking = true;
    void freshReport(button).then((visible) => {
      checking = false;
      if (!button.isConnected) return;
      if (visible) action();
      else tell(t('reviewCovered'));
    });
  };
}
